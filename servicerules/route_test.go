package servicerules

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type hopWant struct {
	step   Step
	person string
	result Result
}

func hops(r CallRoute) []hopWant {
	var out []hopWant
	for _, h := range r.Hops {
		out = append(out, hopWant{h.Step, h.Person, h.Result})
	}
	return out
}

func TestRouteCall(t *testing.T) {
	h, _ := Preset("hassleholm")
	tests := []struct {
		name   string
		staff  []Person
		callee string
		want   []hopWant
	}{
		{"present", []Person{{Name: "A", Present: true}},
			"A", []hopWant{{StepCallee, "A", Answered}}},
		{"present wins over forwarding", []Person{{Name: "A", Present: true, ForwardTo: "B"}, {Name: "B", Present: true}},
			"A", []hopWant{{StepCallee, "A", Answered}}},
		{"forwarded", []Person{{Name: "A", ForwardTo: "B"}, {Name: "B", Present: true}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepForward, "B", Answered}}},
		{"referred", []Person{{Name: "A", ReferTo: "B"}, {Name: "B", Present: true}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepReferral, "B", Answered}}},
		{"forwarding before referral", []Person{{Name: "A", ForwardTo: "C", ReferTo: "B"}, {Name: "B", Present: true}, {Name: "C", Present: true}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepForward, "C", Answered}}},
		{"chain", []Person{{Name: "A", ForwardTo: "B"}, {Name: "B", ReferTo: "C"}, {Name: "C", Present: true}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepForward, "B", Away}, {StepReferral, "C", Answered}}},
		{"loop, then a colleague", []Person{{Name: "A", ForwardTo: "B"}, {Name: "B", ForwardTo: "A"}, {Name: "C", Present: true}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepForward, "B", Away}, {StepForward, "A", Loop}, {StepColleague, "C", Answered}}},
		{"forwarding to oneself", []Person{{Name: "A", ForwardTo: "A"}, {Name: "B", Present: true}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepForward, "A", Loop}, {StepColleague, "B", Answered}}},
		{"target outside the unit", []Person{{Name: "A", ForwardTo: "Z"}, {Name: "B", Present: true}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepForward, "Z", NotInUnit}, {StepColleague, "B", Answered}}},
		{"colleague, skipping those already tried", []Person{{Name: "A", ForwardTo: "B"}, {Name: "B"}, {Name: "C"}, {Name: "D", Present: true}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepForward, "B", Away}, {StepColleague, "D", Answered}}},
		{"nobody in: the switchboard takes a message", []Person{{Name: "A", ForwardTo: "B"}, {Name: "B"}, {Name: "C"}},
			"A", []hopWant{{StepCallee, "A", Away}, {StepForward, "B", Away}, {StepColleague, "", NoColleague}, {StepMessage, "A", MessageTaken}}},
		{"unknown callee", []Person{{Name: "B", Present: true}},
			"Q", []hopWant{{StepCallee, "Q", NotInUnit}, {StepColleague, "B", Answered}}},
		{"empty unit", nil,
			"A", []hopWant{{StepCallee, "A", NotInUnit}, {StepColleague, "", NoColleague}, {StepMessage, "A", MessageTaken}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.RouteCall(Unit{Name: "Bygglov", Staff: tt.staff}, tt.callee)
			assert.Equal(t, tt.want, hops(r))
			assert.Equal(t, "Bygglov", r.Unit)
			assert.Equal(t, tt.callee, r.Callee)
		})
	}
}

// Hässleholm states the colleague and message steps; Ale does not, and its
// route says so.
func TestRouteCallCitations(t *testing.T) {
	staff := []Person{{Name: "Anna", ReferTo: "Bo"}, {Name: "Bo"}, {Name: "Cia"}}
	h, _ := Preset("hassleholm")
	r := h.RouteCall(Unit{Staff: staff}, "Anna")
	require.Len(t, r.Hops, 4)
	assert.Nil(t, r.Hops[0].Citations)
	assert.Contains(t, r.Hops[1].Citations[0].Quote, "hänvisningssystemet")
	assert.Contains(t, r.Hops[2].Citations[0].Quote, "annan tjänsteman inom samma verksamhet")
	assert.Contains(t, r.Hops[3].Citations[0].Quote, "ta ett meddelande")
	who, ok := r.AnsweredBy()
	assert.False(t, ok)
	assert.Empty(t, who)
	assert.Equal(t, "Anna är inte på plats.\nHänvisat till Bo, som inte heller är på plats.\nIngen kollega i enheten är på plats.\nVäxeln tar ett meddelande till Anna.", r.Text("sv"))
	assert.Equal(t, "Anna is not in.\nReferred to Bo, who is not in either.\nNo colleague in the unit is in.\nThe switchboard takes a message for Anna.", r.Text("en"))
	assert.Contains(t, r.Text("fi"), "Vaihde ottaa viestin henkilölle Anna.")

	a, _ := Preset("ale")
	staff[2].Present = true
	r = a.RouteCall(Unit{Staff: staff}, "Anna")
	who, ok = r.AnsweredBy()
	require.True(t, ok)
	assert.Equal(t, "Cia", who)
	assert.NotNil(t, r.Hops[1].Citations, "Ale states referral")
	assert.Nil(t, r.Hops[2].Citations, "Ale does not state the colleague step")
	assert.Contains(t, r.Text("sv"), "Kollegan Cia i samma enhet svarar. (Policyn säger inget om detta steg.)")
	assert.Contains(t, r.Text("en"), "(The policy does not state this step.)")

	var nilPolicy *Policy
	r = nilPolicy.RouteCall(Unit{Staff: staff}, "Anna")
	who, _ = r.AnsweredBy()
	assert.Equal(t, "Cia", who)
}

// Whatever the unit, a call is never dropped: the route ends with someone
// answering or a message taken, and never visits anyone twice through
// forwarding.
func TestRouteCallNeverDropsACall(t *testing.T) {
	p, _ := Preset("nykvarn")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		n := rng.IntN(8)
		staff := make([]Person, n)
		name := func() string { return strconv.Itoa(rng.IntN(n + 2)) } // sometimes outside the unit
		for k := range staff {
			staff[k] = Person{Name: strconv.Itoa(k), Present: rng.IntN(4) == 0}
			if rng.IntN(2) == 0 {
				staff[k].ForwardTo = name()
			}
			if rng.IntN(2) == 0 {
				staff[k].ReferTo = name()
			}
		}
		callee := name()
		r := p.RouteCall(Unit{Staff: staff}, callee)
		require.NotEmpty(t, r.Hops)
		last := r.Hops[len(r.Hops)-1]
		require.Contains(t, []Result{Answered, MessageTaken}, last.Result, "%+v", r)
		if last.Result == MessageTaken {
			assert.Equal(t, callee, last.Person)
		}
		require.LessOrEqual(t, len(r.Hops), n+4)
		seen := map[string]bool{}
		for _, h := range r.Hops {
			if h.Result == Away || h.Result == Answered {
				require.False(t, seen[h.Person], "%s tried twice: %+v", h.Person, r)
				seen[h.Person] = true
			}
		}
		if who, ok := r.AnsweredBy(); ok {
			for _, s := range staff {
				if s.Name == who {
					assert.True(t, s.Present)
				}
			}
		}
	}
}
