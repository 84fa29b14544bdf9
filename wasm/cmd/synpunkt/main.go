//go:build js && wasm

// Command synpunkt is the WebAssembly half of the <synpunkt-widget>: it runs
// kommunkit's classifier, personal-data finder and deadline arithmetic in
// the browser, for the loader (wasm/loader/synpunkt.js) to show as the
// person types.
//
// It hands the loader one object of functions through
// globalThis.__synpunktBoot. Values cross as JavaScript objects built with
// syscall/js, never as JSON, so the build needs neither encoding/json nor
// fmt; the policy's facts arrive as the object the loader fetched from
// GET {endpoint}/policy and are read by package policyfacts.
//
//	classify(text)                 → {kind, language, confidence, runnerUp, runnerUpConfidence, reasons: [{text, kind, negated}]}
//	pii(text)                      → [{kind, start, end}] with UTF-16 offsets, for String.prototype.slice
//	redact(text)                   → the text with personal data masked
//	policy(facts)                  → {ok} or {error}: read the policy for reply
//	reply(channel, nowMs, lang)    → null when the policy gives no response time for the channel,
//	                                 otherwise {via, limit, target, dueMs, due}
//	appeal(nowMs, lang, decision?) → {dueMs, due, from, movedFrom}: the last day to appeal
//	                                 (package feedback/appeal, as the receipt gives it), three weeks
//	                                 from the decision date ("2006-01-02") or from nowMs
package main

import (
	"syscall/js"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/appeal"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/pii"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/wasm/internal/jstext"
	"github.com/kommunkit/kommunkit/wasm/internal/policyfacts"
)

var (
	object = js.Global().Get("Object")
	array  = js.Global().Get("Array")
	facts  policyfacts.Facts
)

func main() {
	api := object.New()
	api.Set("classify", js.FuncOf(classifyText))
	api.Set("pii", js.FuncOf(findPII))
	api.Set("redact", js.FuncOf(redactText))
	api.Set("policy", js.FuncOf(policy))
	api.Set("reply", js.FuncOf(reply))
	api.Set("appeal", js.FuncOf(appealBy))
	if boot := js.Global().Get("__synpunktBoot"); boot.Type() == js.TypeFunction {
		boot.Invoke(api)
	}
	select {}
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func str(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// language reads a language argument; anything but "fi" and "en" is Swedish.
func language(v js.Value) lang.Lang {
	return lang.Lang(str(v)).Or(lang.Swedish)
}

func now(v js.Value) time.Time {
	if v.Type() == js.TypeNumber {
		return time.UnixMilli(int64(v.Float()))
	}
	return time.Now()
}

func classifyText(_ js.Value, args []js.Value) any {
	c := classify.Message(str(arg(args, 0)))
	reasons := array.New(len(c.Cues))
	for i, r := range c.Cues {
		o := object.New()
		o.Set("text", r.Text)
		o.Set("kind", string(r.Kind))
		o.Set("negated", r.Negated)
		reasons.SetIndex(i, o)
	}
	o := object.New()
	o.Set("kind", string(c.Kind))
	o.Set("language", string(c.Language))
	o.Set("confidence", c.Confidence)
	o.Set("runnerUp", string(c.RunnerUp))
	o.Set("runnerUpConfidence", c.RunnerUpConfidence)
	o.Set("reasons", reasons)
	return o
}

func findPII(_ js.Value, args []js.Value) any {
	text := str(arg(args, 0))
	found := pii.Find(text)
	offsets := make([]int, 0, 2*len(found))
	for _, p := range found {
		offsets = append(offsets, p.Start, p.End)
	}
	units := jstext.UTF16Offsets(text, offsets)
	out := array.New(len(found))
	for i, p := range found {
		o := object.New()
		o.Set("kind", string(p.Kind))
		o.Set("start", units[2*i])
		o.Set("end", units[2*i+1])
		out.SetIndex(i, o)
	}
	return out
}

func redactText(_ js.Value, args []js.Value) any {
	return pii.Redact(str(arg(args, 0)))
}

func policy(_ js.Value, args []js.Value) any {
	o := object.New()
	f, err := policyfacts.Read(goValue(arg(args, 0), 0))
	if err != nil {
		o.Set("error", err.Error())
		return o
	}
	facts = f
	o.Set("ok", true)
	return o
}

func reply(_ js.Value, args []js.Value) any {
	channel, at, l := str(arg(args, 0)), now(arg(args, 1)), language(arg(args, 2))
	r, ok := facts.Reply(channel)
	if !ok {
		return nil
	}
	due := facts.Calendar().Deadline(at, r.Limit)
	o := object.New()
	o.Set("via", r.Via)
	o.Set("limit", r.Limit.Format(l))
	o.Set("target", nil)
	if r.HasTarget {
		o.Set("target", r.Target.Format(l))
	}
	o.Set("due", calendar.Format(due, l))
	o.Set("dueMs", float64(due.UnixMilli()))
	return o
}

func appealBy(_ js.Value, args []js.Value) any {
	at, l := now(arg(args, 0)), language(arg(args, 1))
	decision, _ := calendar.ParseDate(str(arg(args, 2)))
	d := appeal.Due(decision, at)
	o := object.New()
	o.Set("dueMs", float64(d.By.UnixMilli()))
	o.Set("due", calendar.DateOf(d.By).Format(l))
	o.Set("from", d.From.Format(l))
	o.Set("movedFrom", "")
	if d.MovedFrom != (calendar.Date{}) {
		o.Set("movedFrom", d.MovedFrom.Format(l))
	}
	return o
}

// goValue turns a JavaScript value into the JSON-shaped Go values that
// policyfacts reads. Functions, symbols and anything nested deeper than 32
// levels become nil.
func goValue(v js.Value, depth int) any {
	if depth > 32 {
		return nil
	}
	switch v.Type() {
	case js.TypeString:
		return v.String()
	case js.TypeNumber:
		return v.Float()
	case js.TypeBoolean:
		return v.Bool()
	case js.TypeObject:
		if array.Call("isArray", v).Bool() {
			n := v.Length()
			list := make([]any, n)
			for i := range n {
				list[i] = goValue(v.Index(i), depth+1)
			}
			return list
		}
		keys := object.Call("keys", v)
		m := make(map[string]any, keys.Length())
		for i := range keys.Length() {
			k := keys.Index(i).String()
			m[k] = goValue(v.Get(k), depth+1)
		}
		return m
	}
	return nil
}
