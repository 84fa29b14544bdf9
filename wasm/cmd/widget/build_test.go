package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/wasm"
)

// TestBudgets builds the widget as `make widget` does and holds it to the
// budgets of issue 6: the loader with its styles at most 15 KB gzip, and
// synpunkt.wasm at most 1.0 MB gzip, and within its target of 800 KB.
func TestBudgets(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	dir := t.TempDir()
	require.NoError(t, Build(ctx, dir))
	sizes, err := wasm.Measure(os.DirFS(dir))
	require.NoError(t, err)
	got := map[string]wasm.Size{}
	for _, s := range sizes {
		got[s.Name] = s
		t.Logf("%-14s raw %8d  gzip %8d  brotli %8d", s.Name, s.Raw, s.Gzip, s.Brotli)
		assert.Less(t, s.Gzip, s.Raw, s.Name)
	}
	assert.LessOrEqual(t, got["synpunkt.js"].Gzip, int64(wasm.LoaderBudget), "the loader's budget")
	assert.LessOrEqual(t, got["synpunkt.wasm"].Gzip, int64(wasm.WasmBudget), "the WebAssembly's hard limit")
	assert.LessOrEqual(t, got["synpunkt.wasm"].Gzip, int64(wasm.WasmTarget), "the WebAssembly's target (see wasm/README.md: what costs what)")

	// wasm_exec.js is the go command's own, and the loader names the
	// versions of what it fetches.
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib/wasm/wasm_exec.js"))
	require.NoError(t, err)
	execJS, err := os.ReadFile(filepath.Join(dir, "wasm_exec.js"))
	require.NoError(t, err)
	assert.Equal(t, want, execJS)
	module, err := os.ReadFile(filepath.Join(dir, "synpunkt.wasm"))
	require.NoError(t, err)
	assert.Equal(t, []byte("\x00asm"), module[:4])
	js, err := os.ReadFile(filepath.Join(dir, "synpunkt.js"))
	require.NoError(t, err)
	assert.Contains(t, string(js), `"synpunkt.wasm":"`+wasm.Version(module)+`"`)

	// A second build changes nothing that did not change.
	before, err := os.Stat(filepath.Join(dir, "synpunkt.wasm.gz"))
	require.NoError(t, err)
	require.NoError(t, Build(ctx, dir))
	after, err := os.Stat(filepath.Join(dir, "synpunkt.wasm.gz"))
	require.NoError(t, err)
	assert.Equal(t, before.ModTime(), after.ModTime())
	leftovers, err := filepath.Glob(filepath.Join(dir, ".build-*"))
	require.NoError(t, err)
	assert.Empty(t, leftovers)
}

// TestWasmKeepsHeavyPackagesOut checks, with the linker's own dependency
// graph, that nothing the widget calls reaches encoding/json, fmt, regexp,
// reflect or time/tzdata. What package initialisers pull in anyway is logged
// (the init of github.com/google/uuid, imported by package feedback, links
// fmt; see wasm/README.md).
func TestWasmKeepsHeavyPackagesOut(t *testing.T) {
	cmd := exec.Command("go", "build", "-trimpath", "-gcflags=all=-l", "-ldflags=-dumpdep", "-o", os.DevNull, wasm.Package)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	edges := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		from, to, ok := strings.Cut(sc.Text(), " -> ")
		if ok {
			edges[from] = append(edges[from], to)
		}
	}
	require.NotEmpty(t, edges["main.main"], "the linker printed its dependency graph")

	heavy := []string{"encoding/json.", "fmt.", "regexp.", "reflect.", "time/tzdata."}
	isHeavy := func(sym string) bool {
		for _, h := range heavy {
			if strings.HasPrefix(sym, h) || strings.HasPrefix(sym, "type:*"+h) || strings.HasPrefix(sym, "type:"+h) {
				return true
			}
		}
		return false
	}
	// From the widget's own code: main.main and what it reaches.
	if path := reach(edges, "main.main", isHeavy, nil); path != nil {
		t.Errorf("the widget's code reaches %s:\n  %s", path[len(path)-1], strings.Join(path, "\n  "))
	}
	// From everything, package initialisers included: logged, and regexp
	// and time/tzdata must not be there at all.
	for _, h := range heavy {
		// Who uses the package, beyond its own initialiser.
		own := func(s string) bool { return s == h+".inittask" || strings.HasPrefix(s, h+"init") }
		path := reach(edges, "_", func(s string) bool { return strings.HasPrefix(s, h) && !own(s) }, own)
		if path == nil {
			continue
		}
		t.Logf("linked through package initialisers: %s\n  %s", strings.TrimSuffix(h, "."), strings.Join(path, "\n  "))
		if h == "regexp." || h == "time/tzdata." {
			t.Errorf("%s is linked", h)
		}
	}
}

// reach returns the shortest path of symbols from start to one for which
// found is true, not passing through any for which avoid is true, or nil.
func reach(edges map[string][]string, start string, found, avoid func(string) bool) []string {
	prev := map[string]string{start: ""}
	queue := []string{start}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if found(s) {
			var path []string
			for ; s != ""; s = prev[s] {
				path = append([]string{s}, path...)
			}
			return path
		}
		for _, next := range edges[s] {
			if _, seen := prev[next]; !seen && (avoid == nil || !avoid(next)) {
				prev[next] = s
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// TestErrorsWrap checks that Build's errors keep their cause for
// errors.Is: a cancelled build is context.Canceled.
func TestErrorsWrap(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Build(ctx, t.TempDir())
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.True(t, strings.HasPrefix(err.Error(), "widget: "), err.Error())
}
