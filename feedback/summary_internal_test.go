package feedback

import (
	"reflect"
	"testing"
	"time"

	"github.com/kommunkit/kommunkit/feedback/pii"
)

// TestSummaryCopiesEveryField fills every field of a Case, and checks that
// Case.Summary sets every field of the CaseSummary, and that the case a
// summary stands for (asCase, which the rules of a summary read) is the
// case with what the summary leaves out left out: so a field added to one
// of them and forgotten in Summary or asCase fails here.
func TestSummaryCopiesEveryField(t *testing.T) {
	var c Case
	fill(reflect.ValueOf(&c).Elem(), 1)
	s := c.Summary()
	sv := reflect.ValueOf(s)
	for i := range sv.NumField() {
		if sv.Field(i).IsZero() {
			t.Errorf("Summary leaves CaseSummary.%s zero", sv.Type().Field(i).Name)
		}
	}
	if s.Text != c.RedactedText {
		t.Errorf("Summary().Text = %q, want the redacted text %q", s.Text, c.RedactedText)
	}
	if want := (Contact{Name: MaskName, Email: pii.MaskEmail, Phone: pii.MaskPhone}); s.Contact == nil || *s.Contact != want {
		t.Errorf("Summary().Contact = %+v, want %+v", s.Contact, want)
	}

	want := c
	want.Token, want.IdempotencyKey, want.SubmissionFingerprint, want.History = [16]byte{}, "", "", nil
	want.Text = c.RedactedText
	want.Contact = s.Contact
	if got := s.asCase(); !reflect.DeepEqual(got, want) {
		t.Errorf("asCase() =\n%+v\nwant\n%+v", got, want)
	}
}

// fill sets every exported field reachable from v to a value that is not
// zero; seed tells fields of the same kind apart.
func fill(v reflect.Value, seed int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('a'+seed%26)))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(seed) / 100)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(seed))
	case reflect.Uint8:
		v.SetUint(uint64(seed))
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), seed+i)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), seed)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), seed)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 3, 10, 9, seed, 0, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), seed+i+1)
			}
		}
	}
}
