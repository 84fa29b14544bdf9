package feedback_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestHostsDependOnNoStore checks the package layout: the hosts of the
// feedback API and pages take feedback.Store, and neither they nor anything
// they import depends on a store's implementation or a database. Only a
// program's main wires a store in.
func TestHostsDependOnNoStore(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the hosts' dependencies: %v", err)
	}
	hosts := []string{
		"github.com/kommunkit/kommunkit/feedback/httpapi",
		"github.com/kommunkit/kommunkit/feedback/webui",
	}
	out, err := exec.Command(goTool, append([]string{"list", "-deps"}, hosts...)...).Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, h := range hosts {
		if !slices.Contains(deps, h) {
			t.Fatalf("go list -deps does not list %s itself:\n%s", h, out)
		}
	}
	for _, dep := range deps {
		switch {
		case dep == "database/sql",
			strings.HasPrefix(dep, "github.com/kommunkit/kommunkit/feedback/sqlstore"),
			strings.HasPrefix(dep, "github.com/kommunkit/kommunkit/feedback/memstore"),
			strings.HasPrefix(dep, "github.com/kommunkit/kommunkit/feedback/storetest"),
			strings.HasPrefix(dep, "modernc.org/"),
			strings.Contains(dep, "sqlite"):
			t.Errorf("the hosts %v depend on %s", hosts, dep)
		}
	}
}
