package servicerules

import (
	"errors"
	"strconv"
	"strings"

	"github.com/kommunkit/kommunkit/lang"
)

// A Channel is a way of contacting the municipality.
type Channel string

// The channels the source policies name. Mobile phones count as Phone and fax
// counts as Post, as the policies themselves say.
const (
	Phone     Channel = "phone"     // telefon: switchboard, contact centre, direct lines, mobiles
	Voicemail Channel = "voicemail" // röstbrevlåda
	SMS       Channel = "sms"       // sms
	Email     Channel = "email"     // e-post
	Post      Channel = "post"      // post (and fax)
	Visit     Channel = "visit"     // besök: reception, contact centre, service centre
	Web       Channel = "web"       // webbplats
	EService  Channel = "eservice"  // e-tjänst
	Chat      Channel = "chat"      // chatt
	Social    Channel = "social"    // sociala medier
)

// Channels returns every channel, in a fixed order.
func Channels() []Channel {
	return []Channel{Phone, Voicemail, SMS, Email, Post, Visit, Web, EService, Chat, Social}
}

// Valid reports whether c is one of the channels of this package.
func (c Channel) Valid() bool {
	switch c {
	case Phone, Voicemail, SMS, Email, Post, Visit, Web, EService, Chat, Social:
		return true
	}
	return false
}

// ParseChannel reads a channel by its value ("email") or by its name in
// Swedish, Finnish or English ("e-post", "sähköposti", "e-mail"), ignoring
// case, for command lines and forms.
func ParseChannel(s string) (Channel, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, c := range Channels() {
		n := channelNames[c]
		if k == string(c) || k == n.Sv || k == strings.ToLower(n.Fi) || k == strings.ToLower(n.En) {
			return c, nil
		}
	}
	names := make([]string, 0, 10)
	for _, c := range Channels() {
		names = append(names, string(c))
	}
	return "", errors.New("servicerules: unknown channel " + strconv.Quote(s) + "; use one of " + strings.Join(names, ", "))
}

// Live reports whether a person answers c while the contact is made (phone,
// visit, chat). The other channels carry messages that are answered later.
func (c Channel) Live() bool {
	return c == Phone || c == Visit || c == Chat
}

// Name returns the channel's name in l (Swedish for any language other than
// Finnish and English), for people to read.
func (c Channel) Name(l lang.Lang) string {
	n, ok := channelNames[c]
	if !ok {
		return string(c)
	}
	return n.In(l)
}

var channelNames = map[Channel]lang.Text{
	Phone:     {Sv: "telefon", Fi: "puhelin", En: "phone"},
	Voicemail: {Sv: "röstbrevlåda", Fi: "vastaaja", En: "voicemail"},
	SMS:       {Sv: "sms", Fi: "tekstiviesti", En: "text message"},
	Email:     {Sv: "e-post", Fi: "sähköposti", En: "e-mail"},
	Post:      {Sv: "post", Fi: "posti", En: "post"},
	Visit:     {Sv: "besök", Fi: "käynti", En: "visit"},
	Web:       {Sv: "webbplats", Fi: "verkkosivusto", En: "web site"},
	EService:  {Sv: "e-tjänst", Fi: "verkkoasiointi", En: "e-service"},
	Chat:      {Sv: "chatt", Fi: "chat", En: "chat"},
	Social:    {Sv: "sociala medier", Fi: "sosiaalinen media", En: "social media"},
}

// An Audience says who a message comes from.
type Audience string

// The audiences of a reply rule.
const (
	External Audience = "external" // residents, businesses, visitors: the public
	Internal Audience = "internal" // colleagues inside the organisation
)

// ParseAudience reads "external" or "internal", ignoring case; the Swedish
// "extern" and "intern" are accepted too.
func ParseAudience(s string) (Audience, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "external", "extern":
		return External, nil
	case "internal", "intern":
		return Internal, nil
	}
	return "", errors.New("servicerules: unknown audience " + strconv.Quote(s) + "; use \"external\" or \"internal\"")
}

// Valid reports whether a is External or Internal.
func (a Audience) Valid() bool { return a == External || a == Internal }
