package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/httpapi/conformance"
)

const (
	testStaffToken = "conformance-staff-token-0123456789"
	testFormKey    = "conformance-form-key"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// siteBinary builds the site once per test run, as `go build` does for a
// user, and returns the path of the binary.
func siteBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "kommunkit-site-test-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "site")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = &buildError{err: err, out: string(out)}
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

// site is the site running as a real process.
type site struct {
	cmd  *exec.Cmd
	URL  string
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
	err  error // from Wait, after done
}

func (s *site) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

type lockedWriter struct{ s *site }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	return w.s.out.Write(p)
}

// startSite starts the binary on a free loopback port with the database
// db and waits until it listens.
func startSite(t *testing.T, db string, args ...string) *site {
	t.Helper()
	bin := siteBinary(t)
	s := &site{done: make(chan struct{})}
	s.cmd = exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-db", db, "-widget-dir", filepath.Join(filepath.Dir(db), "widget")}, args...)...)
	s.cmd.Env = append(os.Environ(), "KOMMUNKIT_STAFF_TOKEN="+testStaffToken, "KOMMUNKIT_FORM_KEY="+testFormKey)
	stdout, err := s.cmd.StdoutPipe()
	require.NoError(t, err)
	s.cmd.Stderr = lockedWriter{s}
	require.NoError(t, s.cmd.Start())
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			lockedWriter{s}.Write([]byte(line + "\n"))
			if _, u, ok := strings.Cut(line, "listening on "); ok {
				select {
				case urls <- u:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	go func() {
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	})
	select {
	case s.URL = <-urls:
	case <-s.done:
		t.Fatalf("the site exited before it listened: %v\n%s", s.err, s.output())
	case <-time.After(60 * time.Second):
		t.Fatalf("the site did not listen within 60 s:\n%s", s.output())
	}
	return s
}

// stop sends sig and waits for the process to exit.
func (s *site) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	require.NoError(t, s.cmd.Process.Signal(sig))
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		t.Fatalf("the site did not stop within 30 s of %v:\n%s", sig, s.output())
	}
}

func TestConformance(t *testing.T) {
	dir := t.TempDir()
	main := startSite(t, filepath.Join(dir, "site.db"), "-rate-limit", "0")
	limited := startSite(t, filepath.Join(dir, "limited.db"), "-rate-limit", "20")
	conformance.Run(t, conformance.Target{
		BaseURL:        main.URL,
		StaffToken:     testStaffToken,
		StampKey:       []byte(testFormKey),
		RateLimitedURL: limited.URL,
		RateLimit:      20,
		StaffPages:     staffPages,
	})
	main.stop(t, syscall.SIGTERM)
	assert.NoError(t, main.err, "a clean exit on SIGTERM:\n%s", main.output())
	assert.Contains(t, main.output(), "everything acknowledged is committed")
	assert.NotContains(t, main.output(), "site: sqlstore", "no internal errors:\n%s", main.output())
}

// TestFormStampEndpoint checks that the site hands out stamps.
func TestFormStampEndpoint(t *testing.T) {
	s := startSite(t, filepath.Join(t.TempDir(), "site.db"), "-rate-limit", "0")
	resp, err := http.Get(s.URL + "/api/form-stamp")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var fs struct {
		FormStamp string `json:"form_stamp"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&fs))
	require.NotEmpty(t, fs.FormStamp)
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
}

func TestHeaders(t *testing.T) {
	s := startSite(t, filepath.Join(t.TempDir(), "site.db"), "-rate-limit", "0")
	for _, path := range []string{"/", "/api/policy", "/api/nope", "/open311/v2/services.json", "/widget/synpunkt.js", "/no-such-page"} {
		resp, err := http.Get(s.URL + path)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'", resp.Header.Get("Content-Security-Policy"), path)
		assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), path)
	}
}

func TestStaffTokenGenerated(t *testing.T) {
	bin := siteBinary(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "k.db"), "-widget-dir", dir)
	env := []string{}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "KOMMUNKIT_STAFF_TOKEN=") {
			env = append(env, e)
		}
	}
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	var token, url string
	for (token == "" || url == "") && sc.Scan() {
		line := sc.Text()
		if _, v, ok := strings.Cut(line, "made for this run): "); ok {
			token = v
		}
		if _, v, ok := strings.Cut(line, "listening on "); ok {
			url = v
		}
	}
	require.Len(t, token, 48, "a random token is printed")
	req, _ := http.NewRequest(http.MethodGet, url+"/api/staff/cases", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the printed token works")
}

// staffPages are the staff HTML pages the conformance suite checks for
// inert XSS payloads.
var staffPages = []string{"/staff", "/staff?lang=en", "/staff/case/{id}", "/staff/case/{id}?lang=en", "/staff/uppfoljning"}

// TestWidgetServedAsBuilt builds the widget as `go generate ./examples/site`
// does, into a directory of its own, and starts the site without a Go
// toolchain on PATH: the page's script and the WebAssembly are served under
// /widget/ with the CSP header, and the site says nothing is missing.
func TestWidgetServedAsBuilt(t *testing.T) {
	dir := t.TempDir()
	dist := filepath.Join(dir, "dist")
	out, err := exec.Command("go", "run", "../../wasm/cmd/widget", "-o", dist).CombinedOutput()
	require.NoError(t, err, "%s", out)
	siteBinary(t) // built while the go command is on PATH
	t.Setenv("PATH", "")
	s := startSite(t, filepath.Join(dir, "site.db"), "-widget-dir", dist)
	for _, f := range []struct{ path, ctype string }{
		{"/widget/synpunkt.js", "javascript"},
		{"/widget/synpunkt.wasm", "application/wasm"},
		{"/widget/wasm_exec.js", "javascript"},
	} {
		resp, err := http.Get(s.URL + f.path)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", f.path, b)
		assert.Contains(t, resp.Header.Get("Content-Type"), f.ctype, f.path)
		assert.NotEmpty(t, b)
		assert.Equal(t, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'", resp.Header.Get("Content-Security-Policy"))
	}
	resp, err := http.Get(s.URL + "/")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(b), "/widget/synpunkt.js", "the demo page loads the widget")
	assert.Contains(t, string(b), "synpunkt-widget")
	assert.NotContains(t, s.output(), "not built")
}

// TestWidgetNotBuilt starts the site on a directory with no widget in it:
// it starts, says at start which command builds the widget, serves the
// page with its plain form, and answers the loader's URL with 404 and the
// command.
func TestWidgetNotBuilt(t *testing.T) {
	dir := t.TempDir()
	s := startSite(t, filepath.Join(dir, "site.db"), "-widget-dir", filepath.Join(dir, "empty"))
	assert.Contains(t, s.output(), "the widget is not built (wasm_exec.js, synpunkt.wasm, synpunkt.js missing in "+filepath.Join(dir, "empty")+")")
	assert.Contains(t, s.output(), "go generate ./examples/site")
	resp, err := http.Get(s.URL + "/widget/synpunkt.js")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Contains(t, string(b), "go run github.com/kommunkit/kommunkit/wasm/cmd/widget -o")
	resp, err = http.Get(s.URL + "/")
	require.NoError(t, err)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(b), `action="/synpunkt"`, "the plain form")
}
