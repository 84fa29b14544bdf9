package lang_test

import (
	"fmt"

	"github.com/kommunkit/kommunkit/lang"
)

func ExampleText_In() {
	closed := lang.Text{Sv: "Stängt", Fi: "Suljettu", En: "Closed"}
	l, _ := lang.Parse("fi-FI")
	fmt.Println(closed.In(l))
	fmt.Println(closed.In(""))
	// Output:
	// Suljettu
	// Stängt
}
