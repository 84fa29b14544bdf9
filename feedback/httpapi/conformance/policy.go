package conformance

import (
	"net/http"
	"testing"
)

func (s *suite) testPolicy(t *testing.T) {
	r := s.get(t, "/api/policy", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/policy: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var p struct {
		ID           string              `json:"id"`
		Organisation string              `json:"organisation"`
		OfficeHours  map[string][]string `json:"office_hours"`
		Channels     []struct {
			Channel string            `json:"channel"`
			Name    map[string]string `json:"name"`
			Reply   *struct {
				Limit        string            `json:"limit"`
				LimitText    map[string]string `json:"limit_text"`
				DueIfSentNow *string           `json:"due_if_sent_now"`
			} `json:"reply"`
		} `json:"channels"`
		Contacts []struct {
			Channel string `json:"channel"`
			Address string `json:"address"`
		} `json:"contacts"`
		Languages []string `json:"languages"`
		Now       string   `json:"now"`
	}
	requireJSON(t, r, &p)
	if p.ID == "" {
		t.Errorf("id is empty: %s", r.Body)
	}
	if p.Organisation == "" {
		t.Errorf("organisation is empty: %s", r.Body)
	}
	if len(p.OfficeHours) != 7 {
		t.Errorf("office_hours has %d days, want 7: %v", len(p.OfficeHours), p.OfficeHours)
	}
	if len(p.OfficeHours["monday"]) == 0 {
		t.Errorf("office_hours.monday is empty: %v", p.OfficeHours)
	}
	if len(p.Channels) == 0 {
		t.Fatalf("no channels: %s", r.Body)
	}
	withReply := 0
	for _, ch := range p.Channels {
		if ch.Name["sv"] == "" {
			t.Errorf("channel %q: name.sv is empty", ch.Channel)
		}
		if ch.Name["fi"] == "" {
			t.Errorf("channel %q: name.fi is empty", ch.Channel)
		}
		if ch.Name["en"] == "" {
			t.Errorf("channel %q: name.en is empty", ch.Channel)
		}
		if ch.Reply != nil {
			withReply++
			if ch.Reply.Limit == "" {
				t.Errorf("channel %q: reply.limit is empty", ch.Channel)
			}
			if ch.Reply.LimitText["sv"] == "" {
				t.Errorf("channel %q: reply.limit_text.sv is empty", ch.Channel)
			}
			if ch.Reply.DueIfSentNow == nil {
				t.Fatalf("channel %q: reply.due_if_sent_now is null, want a time", ch.Channel)
			}
			requireRFC3339(t, *ch.Reply.DueIfSentNow)
		}
	}
	if withReply <= 0 {
		t.Errorf("no channel has a response time, want some: %s", r.Body)
	}
	if p.Languages[0] != "sv" {
		t.Errorf("languages[0] %q, want %q", p.Languages[0], "sv")
	}
	requireRFC3339(t, p.Now)
}
