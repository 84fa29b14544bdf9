package message_test

import (
	"fmt"
	"testing"

	"github.com/kommunkit/kommunkit/feedback/message"
)

func TestKinds(t *testing.T) {
	synpunkt := map[message.Kind]bool{message.Praise: true, message.Complaint: true, message.Suggestion: true}
	seen := map[message.Kind]bool{}
	for _, k := range message.Kinds() {
		if !k.Valid() {
			t.Errorf("%q is listed by Kinds but not Valid", k)
		}
		if k.IsSynpunkt() != synpunkt[k] {
			t.Errorf("%q.IsSynpunkt() = %v", k, k.IsSynpunkt())
		}
		if seen[k] {
			t.Errorf("%q listed twice", k)
		}
		seen[k] = true
	}
	if len(seen) != 7 {
		t.Errorf("Kinds lists %d kinds; want 7", len(seen))
	}
	for _, k := range []message.Kind{"", "Praise", "beröm", "fault-report"} {
		if k.Valid() || k.IsSynpunkt() {
			t.Errorf("%q is Valid or a synpunkt", k)
		}
	}
}

func ExampleKind_IsSynpunkt() {
	for _, k := range message.Kinds() {
		fmt.Println(k, k.IsSynpunkt())
	}
	// Output:
	// praise true
	// complaint true
	// suggestion true
	// question false
	// fault_report false
	// damage_claim false
	// appeal false
}
