package lang_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/kommunkit/kommunkit/lang"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]lang.Lang{
		"": "", "sv": lang.Swedish, " FI ": lang.Finnish, "en-GB": lang.English,
		"sv_SE": lang.Swedish, "fi-FI": lang.Finnish,
	} {
		got, err := lang.Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q, nil", in, got, err, want)
		}
	}
	for _, in := range []string{"de", "svenska", "s", "-sv", "xx-sv"} {
		if _, err := lang.Parse(in); !errors.Is(err, lang.ErrUnknown) {
			t.Errorf("Parse(%q) error = %v; want one that wraps ErrUnknown", in, err)
		}
	}
}

func TestTextIn(t *testing.T) {
	tx := lang.Text{Sv: "Hej", Fi: "Hei", En: "Hello"}
	for l, want := range map[lang.Lang]string{lang.Swedish: "Hej", lang.Finnish: "Hei", lang.English: "Hello", "": "Hej", "de": "Hej"} {
		if got := tx.In(l); got != want {
			t.Errorf("In(%q) = %q; want %q", l, got, want)
		}
	}
	if got := (lang.Text{Sv: "Hej"}).In(lang.Finnish); got != "Hej" {
		t.Errorf("a missing Finnish text gave %q; want the Swedish", got)
	}
}

func TestTextJSON(t *testing.T) {
	b, err := json.Marshal(lang.Text{Sv: "Rätta", Fi: "Korjaa", En: "Correct"})
	if err != nil || string(b) != `{"sv":"Rätta","fi":"Korjaa","en":"Correct"}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
}

func TestOr(t *testing.T) {
	if lang.Lang("").Or(lang.Swedish) != lang.Swedish || lang.Finnish.Or(lang.Swedish) != lang.Finnish || lang.Lang("de").Or(lang.English) != lang.English {
		t.Error("Or does not keep a valid language and replace the rest")
	}
}

func TestPhrasesIn(t *testing.T) {
	days := lang.Phrases[[2]string]{Sv: [2]string{"dag", "dagar"}, Fi: [2]string{"päivä", "päivää"}, En: [2]string{"day", "days"}}
	for l, want := range map[lang.Lang]string{lang.Swedish: "dagar", lang.Finnish: "päivää", lang.English: "days", "": "dagar", "de": "dagar"} {
		if got := days.In(l)[1]; got != want {
			t.Errorf("In(%q)[1] = %q; want %q", l, got, want)
		}
	}
}
