package servicerules

import (
	"testing"
	"time"
)

func BenchmarkPreset(b *testing.B) {
	for b.Loop() {
		if _, err := Preset("nykvarn"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReplyDue(b *testing.B) {
	p, _ := Preset("nykvarn")
	at := sthlm(2026, 12, 23, 15, 0)
	for b.Loop() {
		if _, ok := p.ReplyDue(Post, External, at); !ok {
			b.Fatal("no deadline")
		}
	}
}

func BenchmarkReach(b *testing.B) {
	p, _ := Preset("nykvarn")
	at := sthlm(2026, 12, 23, 17, 0)
	for b.Loop() {
		if _, ok := p.Reach(Phone, at); !ok {
			b.Fatal("not named")
		}
	}
}

func BenchmarkCheckAbsence(b *testing.B) {
	p, _ := Preset("nykvarn")
	from := sthlm(2026, 12, 21, 8, 0)
	a := Absence{From: from, To: from.Add(72 * time.Hour), PhoneReferral: true,
		Message: "Jag är ledig. Kontakta Anna Berg, 08-555 010 01, anna.berg@nykvarn.se."}
	for b.Loop() {
		if fs := p.CheckAbsence(a); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

func BenchmarkAutoReply(b *testing.B) {
	p, _ := Preset("nykvarn")
	a := Absence{From: sthlm(2026, 12, 21, 0, 0), To: sthlm(2026, 12, 24, 0, 0), Person: erik, Alternative: anna}
	for b.Loop() {
		if _, err := p.AutoReply(a, "sv"); err != nil {
			b.Fatal(err)
		}
	}
}
