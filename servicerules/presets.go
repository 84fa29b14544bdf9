package servicerules

import (
	"embed"
	"errors"
	"strconv"
	"strings"

	"github.com/kommunkit/kommunkit/internal/errwrap"
)

//go:embed presets/*.json
var presetFiles embed.FS

// presetNames are the embedded presets, sorted.
var presetNames = [...]string{"ale", "hassleholm", "nykvarn", "osteraker", "varmdo"}

// Presets returns the names of the embedded policies, sorted: "ale",
// "hassleholm", "nykvarn", "osteraker" and "varmdo".
func Presets() []string {
	return append([]string(nil), presetNames[:]...)
}

// Preset returns the embedded policy called name, one of Presets.
func Preset(name string) (*Policy, error) {
	known := false
	for _, n := range presetNames {
		if n == name {
			known = true
		}
	}
	if !known {
		return nil, errors.New("servicerules: no preset called " + strconv.Quote(name) + "; the presets are " + strings.Join(presetNames[:], ", "))
	}
	data, err := presetFiles.ReadFile("presets/" + name + ".json")
	if err != nil {
		return nil, errwrap.Prefix("servicerules: preset "+strconv.Quote(name)+": ", err)
	}
	p, err := Parse(data)
	if err != nil {
		return nil, errwrap.New("servicerules: preset "+strconv.Quote(name)+": "+strings.TrimPrefix(err.Error(), "servicerules: "), err)
	}
	return p, nil
}
