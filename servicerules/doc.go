// Package servicerules turns a Swedish municipality's service policy into
// data and rules a program can check: when a message must be answered, whether
// a channel is staffed now, whether an absence message meets the policy, and
// where a call goes when the person asked for is away.
//
// A [Policy] is read from JSON with [Parse], or taken from one of the five
// embedded presets with [Preset]: "ale", "hassleholm", "nykvarn", "osteraker"
// and "varmdo", each made from a real policy document (see [Policy.Source]).
// Every rule in a preset cites the section and the words of the document it
// comes from; where the document is silent, the preset says "not stated"
// rather than making a value up.
//
// Dates, working days, office hours and deadlines come from package
// calendar; everything is reasoned about in Europe/Stockholm.
//
// # Questions a Policy answers
//
//   - [Policy.ReplyDue]: the latest time to answer a message on a channel from
//     an audience, counted in working days, hours or days on the policy's
//     calendar; [Policy.TargetDue] for an ambition inside the limit and
//     [Policy.InterimDue] for the interim reply (who answers, and when).
//     ReplyDue uses only the channel's own rule, or the rule the policy says
//     it follows. [Policy.WrittenReplyDue] answers for a written message
//     (a form, an e-service): where the channel has no figure, it falls back
//     on the rule for e-mail, then for post, and says which it used.
//   - [Policy.Closures] and [Policy.ShortDays]: the closure days and the
//     shortened days of the policy's calendar, as the policy states them.
//   - [Policy.Reach]: is a channel staffed now, when is it next, and what
//     happens to a contact made now (voicemail, answered later).
//   - [Policy.CheckAbsence]: what an absence lacks under the policy, each
//     [Finding] with the rule, its citation and a plain-language message;
//     [Policy.AutoReply] writes an absence message that meets the policy.
//   - [Policy.RouteCall]: where a call goes in a unit, hop by hop.
//
// # The JSON format
//
// A policy is one JSON object. Parse rejects fields it does not know, and
// names the field of anything it cannot accept. Every rule has "citations":
// a list of {"section", "quote"} pairs, the quote word for word from the
// source. The fields are:
//
//   - "id": a short name in lower case, such as "nykvarn".
//   - "source": the document: "organisation", "title", "decision" (who adopted
//     it), "date" (of the decision, "2020-12-01"), "revised", "inForce",
//     "diary" (diarienummer), and optionally "seed", "note", "url" and
//     "version".
//   - "notStated": a map from a topic the policy is silent about to a note
//     that says so and what applies instead. The topics are "officeHours",
//     "shortDays", "closures", "interim", "phone.rings", "phone.greetings",
//     "phone.voicemail", "contacts", "languages", "absence",
//     "hours.<channel>", "reply.<channel>", "reply.<audience>",
//     "contacts.<channel>" and "routing.<step>". A topic cannot be both
//     stated and not stated.
//   - "calendar": "officeHours" (an Hours object; without it the library
//     default applies, Monday to Friday 08:00-16:30), "shortDays"
//     ("state-agreement" for [calendar.StateAgreementShortDays], or left out
//     for none) and "closures" (a list of {"date", "reason"}: the
//     organisation's own closure days, such as a klämdag).
//   - An Hours object has "weekdays" (Monday to Friday) and "monday" …
//     "sunday" (a named day overrides "weekdays"), each a list of intervals
//     such as "08:00-16:30"; several intervals leave a closure between them.
//     A day that is not listed is closed.
//   - "channels": what the policy says about each channel it names:
//     "channel"; "staffed" ("office-hours", "own-hours" with "hours",
//     "around-the-clock", or left out when the policy does not say, in which
//     case the office hours apply); "daily" (read or opened every day);
//     "instead" (where a contact goes when the channel is not staffed);
//     "services" (such as "Facebook") and "note".
//   - "replies": reply rules. Each has "channels" and "audiences" ("external",
//     "internal"), and either "follows" (another channel whose rule applies,
//     as in "SMS ska besvaras enligt samma riktlinjer som telefonsamtal") or a
//     "limit" (a span such as "1 arbetsdag", "48 timmar" or "3 veckor"), an
//     optional "target" inside the limit, and an optional "basis":
//     "ambition" when the policy words the limit as an ambition, "daily" when
//     it says the channel is dealt with every day. A rule with neither
//     states a duty with no figure ("snarast möjligt"). A channel and
//     audience has at most one rule, and rules that follow each other in a
//     circle are rejected.
//   - "interim": the interim-reply duty: "tellWho", "tellWhen", and
//     "channels" when it is not for every channel.
//   - "phone": "rings" ({"max", "callOnce", "goal"}), "greetings" (a list of
//     {"answerer": "switchboard" or "staff", "says"}) and "voicemail"
//     ({"personal", "listenDaily", "callBack", "guidance"}).
//   - "contacts": "oneWayIn" ({"note"}) and "points" (a list of {"channel",
//     "address", "purpose"}).
//   - "languages": language rights besides Swedish: {"lang", "basis", "law"}.
//   - "absence": absence rules: {"require", "longerThan", "plannedOnly"},
//     where "require" is one of "email-message", "phone-referral",
//     "phone-forwarding", "alternative-contact", "mail-opened-daily" and
//     "calendar-updated".
//   - "routing": the steps of call routing the policy states: {"step"}, one of
//     "forward", "referral", "colleague" and "message".
//
// A full example:
//
//	{
//	  "id": "exempel",
//	  "source": {
//	    "organisation": "Exempelkommun",
//	    "title": "Servicepolicy",
//	    "decision": "Kommunstyrelsen 2025-03-04 § 12",
//	    "date": "2025-03-04",
//	    "inForce": "2025-04-01",
//	    "diary": "KS 2025/0042",
//	    "url": "https://www.exempel.se/servicepolicy"
//	  },
//	  "notStated": {
//	    "reply.internal": "not stated: nothing is said about internal messages"
//	  },
//	  "calendar": {
//	    "officeHours": {
//	      "weekdays": ["08:00-12:00", "13:00-16:30"],
//	      "friday": ["08:00-15:00"],
//	      "citations": [{"section": "Öppettider", "quote": "Kommunhuset är öppet vardagar 8-16.30, fredagar 8-15, med lunchstängt 12-13."}]
//	    },
//	    "shortDays": "state-agreement",
//	    "closures": [{"date": "2026-05-15", "reason": "klämdag"}]
//	  },
//	  "channels": [
//	    {
//	      "channel": "phone",
//	      "staffed": "own-hours",
//	      "hours": {
//	        "weekdays": ["09:00-12:00"],
//	        "citations": [{"section": "Telefon", "quote": "Telefontid vardagar 9-12."}]
//	      },
//	      "instead": "voicemail",
//	      "citations": [{"section": "Telefon", "quote": "Utanför telefontiden kan du lämna ett meddelande."}]
//	    },
//	    {
//	      "channel": "email",
//	      "daily": true,
//	      "citations": [{"section": "E-post", "quote": "E-post läses varje dag."}]
//	    },
//	    {"channel": "sms", "citations": [{"section": "Sms", "quote": "Sms besvaras som telefonsamtal."}]},
//	    {
//	      "channel": "web",
//	      "staffed": "around-the-clock",
//	      "citations": [{"section": "Webb", "quote": "E-tjänsterna är öppna dygnet runt."}]
//	    },
//	    {
//	      "channel": "social",
//	      "services": ["Facebook"],
//	      "citations": [{"section": "Sociala medier", "quote": "Vi finns på Facebook."}]
//	    }
//	  ],
//	  "replies": [
//	    {
//	      "channels": ["email", "voicemail"],
//	      "audiences": ["external"],
//	      "limit": "2 arbetsdagar",
//	      "target": "1 arbetsdag",
//	      "citations": [{"section": "Svarstid", "quote": "Vi svarar inom en arbetsdag, senast inom två."}]
//	    },
//	    {
//	      "channels": ["sms"],
//	      "audiences": ["external"],
//	      "follows": "voicemail",
//	      "citations": [{"section": "Sms", "quote": "Sms besvaras som telefonsamtal."}]
//	    },
//	    {
//	      "channels": ["social"],
//	      "audiences": ["external"],
//	      "note": "No figure: answered as soon as possible.",
//	      "citations": [{"section": "Sociala medier", "quote": "Vi svarar så snart vi kan."}]
//	    }
//	  ],
//	  "interim": {
//	    "tellWho": true,
//	    "tellWhen": true,
//	    "citations": [{"section": "Svarstid", "quote": "Kan vi inte svara direkt berättar vi vem som svarar och när."}]
//	  },
//	  "phone": {
//	    "rings": {
//	      "max": 4,
//	      "callOnce": true,
//	      "goal": true,
//	      "citations": [{"section": "Telefon", "quote": "Vi svarar inom fyra signaler."}]
//	    },
//	    "greetings": [
//	      {
//	        "answerer": "switchboard",
//	        "says": "Välkommen till Exempelkommun",
//	        "citations": [{"section": "Telefon", "quote": "Växeln svarar Välkommen till Exempelkommun."}]
//	      }
//	    ],
//	    "voicemail": {
//	      "personal": true,
//	      "listenDaily": true,
//	      "callBack": true,
//	      "guidance": "kort och tydligt",
//	      "citations": [{"section": "Telefon", "quote": "Röstbrevlådan har ett personligt meddelande och lyssnas av varje dag."}]
//	    }
//	  },
//	  "contacts": {
//	    "oneWayIn": {
//	      "note": "One number, one address.",
//	      "citations": [{"section": "En väg in", "quote": "Ett telefonnummer, en e-postadress."}]
//	    },
//	    "points": [
//	      {
//	        "channel": "email",
//	        "address": "kommun@exempel.se",
//	        "citations": [{"section": "En väg in", "quote": "kommun@exempel.se"}]
//	      },
//	      {
//	        "channel": "email",
//	        "address": "synpunkter@exempel.se",
//	        "purpose": "synpunkter",
//	        "citations": [{"section": "Synpunkter", "quote": "synpunkter@exempel.se"}]
//	      }
//	    ]
//	  },
//	  "languages": [
//	    {
//	      "lang": "fi",
//	      "basis": "förvaltningsområde för finska",
//	      "law": "lagen (2009:724) om nationella minoriteter och minoritetsspråk",
//	      "citations": [{"section": "Språk", "quote": "Kommunen är förvaltningsområde för finska."}]
//	    }
//	  ],
//	  "absence": [
//	    {
//	      "require": "email-message",
//	      "longerThan": "24 timmar",
//	      "citations": [{"section": "Frånvaro", "quote": "Är du borta mer än ett dygn ska du ha ett frånvaromeddelande."}]
//	    },
//	    {
//	      "require": "alternative-contact",
//	      "longerThan": "24 timmar",
//	      "citations": [{"section": "Frånvaro", "quote": "Meddelandet ska ge en annan kontakt med telefon eller e-post."}]
//	    },
//	    {
//	      "require": "mail-opened-daily",
//	      "plannedOnly": true,
//	      "citations": [{"section": "Frånvaro", "quote": "Vid planerad frånvaro ordnar du så att posten öppnas."}]
//	    }
//	  ],
//	  "routing": [
//	    {"step": "forward", "citations": [{"section": "Telefon", "quote": "Koppla vidare när du är borta."}]},
//	    {"step": "message", "citations": [{"section": "Telefon", "quote": "Växeln tar ett meddelande."}]}
//	  ]
//	}
//
// [Policy.MarshalJSON] writes a policy back in this format, and Parse of
// what it writes gives the same policy.
package servicerules
