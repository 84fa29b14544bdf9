package formtext_test

import (
	"fmt"

	"github.com/kommunkit/kommunkit/feedback/formtext"
	"github.com/kommunkit/kommunkit/lang"
)

// The form's words for a field error the feedback API reports, in the
// language of the page.
func ExampleFieldError() {
	t, ok := formtext.FieldError("contact.phone", "invalid")
	fmt.Println(ok)
	fmt.Println(t.In(lang.Finnish))
	// Output:
	// true
	// Puhelinnumero ei näytä oikealta. Kirjoita vain numeroita, esimerkiksi 070-123 45 67 tai +46 70 123 45 67.
}

// A text with an argument is a format string.
func ExampleText() {
	t, _ := formtext.Text("form.errors")
	fmt.Printf(t.In(lang.English)+"\n", 3)
	// Output: There are 3 errors in the form
}
