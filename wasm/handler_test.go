package wasm

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// distDir writes a dist directory as Build would: the loader with gzip and
// brotli copies, the module with gzip only, wasm_exec.js plain.
func distDir(t *testing.T) (dir string, files map[string][]byte) {
	t.Helper()
	dir = t.TempDir()
	files = map[string][]byte{
		"synpunkt.js":        []byte("export const loader = 1;\n"),
		"synpunkt.js.gz":     gz(t, []byte("export const loader = 1;\n")),
		"synpunkt.js.br":     []byte("brotli bytes of the loader"),
		"synpunkt.wasm":      []byte("\x00asm\x01\x00\x00\x00module"),
		"synpunkt.wasm.gz":   gz(t, []byte("\x00asm\x01\x00\x00\x00module")),
		"wasm_exec.js":       []byte("globalThis.Go = class {};\n"),
		"secret.txt":         []byte("not served"),
		"synpunkt.js.br.bak": []byte("not served"),
	}
	for name, b := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	return dir, files
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, err := w.Write(b)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func serve(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandlerEncodings(t *testing.T) {
	dir, files := distDir(t)
	h := Handler(os.DirFS(dir))
	for _, tc := range []struct {
		path, accept, wantEnc, wantBody, wantType string
	}{
		{"/widget/synpunkt.js", "gzip, deflate, br, zstd", "br", "synpunkt.js.br", "text/javascript; charset=utf-8"},
		{"/widget/synpunkt.js", "gzip, deflate", "gzip", "synpunkt.js.gz", "text/javascript; charset=utf-8"},
		{"/widget/synpunkt.js", "br;q=0, gzip", "gzip", "synpunkt.js.gz", "text/javascript; charset=utf-8"},
		{"/widget/synpunkt.js", "BR;Q=0.5", "br", "synpunkt.js.br", "text/javascript; charset=utf-8"},
		{"/widget/synpunkt.js", "*", "br", "synpunkt.js.br", "text/javascript; charset=utf-8"},
		{"/widget/synpunkt.js", "*;q=0, identity", "", "synpunkt.js", "text/javascript; charset=utf-8"},
		{"/widget/synpunkt.js", "", "", "synpunkt.js", "text/javascript; charset=utf-8"},
		{"/widget/synpunkt.wasm", "gzip, br", "gzip", "synpunkt.wasm.gz", "application/wasm"},
		{"/synpunkt.wasm", "deflate", "", "synpunkt.wasm", "application/wasm"},
		{"/a/b/c/wasm_exec.js", "gzip, br", "", "wasm_exec.js", "text/javascript; charset=utf-8"},
	} {
		t.Run(tc.path+" "+tc.accept, func(t *testing.T) {
			w := serve(h, http.MethodGet, tc.path, "Accept-Encoding", tc.accept)
			require.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, tc.wantEnc, w.Header().Get("Content-Encoding"))
			assert.Equal(t, string(files[tc.wantBody]), w.Body.String())
			assert.Equal(t, tc.wantType, w.Header().Get("Content-Type"))
			assert.Equal(t, "Accept-Encoding", w.Header().Get("Vary"))
			assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
			assert.Equal(t, "*", w.Header().Get("Access-Control-Allow-Origin"))
			assert.NotEmpty(t, w.Header().Get("ETag"))
		})
	}
}

func TestHandlerRefusesIdentityWhenNothingElseIsAcceptable(t *testing.T) {
	dir, _ := distDir(t)
	w := serve(Handler(os.DirFS(dir)), http.MethodGet, "/widget/wasm_exec.js", "Accept-Encoding", "identity;q=0, br")
	assert.Equal(t, http.StatusNotFound, w.Code)
}

func TestHandlerCaching(t *testing.T) {
	dir, files := distDir(t)
	h := Handler(os.DirFS(dir))
	wasmV := Version(files["synpunkt.wasm"])

	assert.Equal(t, "no-cache", serve(h, http.MethodGet, "/widget/synpunkt.js").Header().Get("Cache-Control"),
		"the loader is checked on every page")
	assert.Equal(t, "no-cache", serve(h, http.MethodGet, "/widget/synpunkt.js?v="+Version(files["synpunkt.js"])).Header().Get("Cache-Control"),
		"the loader's URL is stable, so it is never immutable")
	assert.Equal(t, "public, max-age=31536000, immutable", serve(h, http.MethodGet, "/widget/synpunkt.wasm?v="+wasmV).Header().Get("Cache-Control"))
	assert.Equal(t, "no-cache", serve(h, http.MethodGet, "/widget/synpunkt.wasm?v=000000000000").Header().Get("Cache-Control"),
		"a version that is not the one served")
	assert.Equal(t, "no-cache", serve(h, http.MethodGet, "/widget/synpunkt.wasm").Header().Get("Cache-Control"))

	// The encodings have different ETags, and a match is 304.
	br := serve(h, http.MethodGet, "/widget/synpunkt.js", "Accept-Encoding", "br").Header().Get("ETag")
	gzTag := serve(h, http.MethodGet, "/widget/synpunkt.js", "Accept-Encoding", "gzip").Header().Get("ETag")
	assert.NotEqual(t, br, gzTag)
	w := serve(h, http.MethodGet, "/widget/synpunkt.js", "Accept-Encoding", "br", "If-None-Match", br)
	assert.Equal(t, http.StatusNotModified, w.Code)
	assert.Empty(t, w.Body.String())
	w = serve(h, http.MethodGet, "/widget/synpunkt.js", "Accept-Encoding", "gzip", "If-None-Match", br)
	assert.Equal(t, http.StatusOK, w.Code)

	// A new build is seen at once: new content, new ETag and version.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "synpunkt.wasm"), []byte("\x00asm\x01\x00\x00\x00new module"), 0o644))
	require.NoError(t, os.Remove(filepath.Join(dir, "synpunkt.wasm.gz")))
	w = serve(h, http.MethodGet, "/widget/synpunkt.wasm?v="+wasmV, "Accept-Encoding", "gzip")
	assert.Equal(t, "no-cache", w.Header().Get("Cache-Control"))
	assert.Equal(t, "\x00asm\x01\x00\x00\x00new module", w.Body.String())
}

func TestHandlerRefuses(t *testing.T) {
	dir, _ := distDir(t)
	h := Handler(os.DirFS(dir))
	for _, p := range []string{"/widget/secret.txt", "/widget/../secret.txt", "/widget/", "/widget/synpunkt.js.br", "/widget/synpunkt.js.br.bak", "/widget/synpunkt.css"} {
		assert.Equal(t, http.StatusNotFound, serve(h, http.MethodGet, p, "Accept-Encoding", "br, gzip").Code, p)
	}
	w := serve(h, http.MethodPost, "/widget/synpunkt.js")
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Equal(t, "GET, HEAD", w.Header().Get("Allow"))

	empty := Handler(os.DirFS(t.TempDir()))
	w = serve(empty, http.MethodGet, "/widget/synpunkt.js")
	assert.Equal(t, http.StatusNotFound, w.Code, "not built yet")
	assert.Contains(t, w.Body.String(), "synpunkt.js is not built: build the widget with go run github.com/kommunkit/kommunkit/wasm/cmd/widget -o")
}

// TestHandlerServesAnyFS serves from a file system that is not a
// directory, as an embed.FS in a binary would be: the same encodings,
// versions and ranges.
func TestHandlerServesAnyFS(t *testing.T) {
	module := []byte("\x00asm\x01\x00\x00\x00module")
	fsys := fstest.MapFS{
		"synpunkt.js":      {Data: []byte("export const loader = 1;\n")},
		"synpunkt.wasm":    {Data: module},
		"synpunkt.wasm.gz": {Data: gz(t, module)},
		"wasm_exec.js":     {Data: []byte("globalThis.Go = class {};\n")},
	}
	h := Handler(fsys)
	w := serve(h, http.MethodGet, "/widget/synpunkt.wasm?v="+Version(module), "Accept-Encoding", "gzip")
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "gzip", w.Header().Get("Content-Encoding"))
	assert.Equal(t, "application/wasm", w.Header().Get("Content-Type"))
	assert.Equal(t, "public, max-age=31536000, immutable", w.Header().Get("Cache-Control"))
	assert.Equal(t, string(fsys["synpunkt.wasm.gz"].Data), w.Body.String())

	w = serve(h, http.MethodGet, "/widget/synpunkt.js", "Range", "bytes=7-11")
	assert.Equal(t, http.StatusPartialContent, w.Code)
	assert.Equal(t, "const", w.Body.String())
	etag := w.Header().Get("ETag")
	assert.Equal(t, http.StatusNotModified, serve(h, http.MethodGet, "/widget/synpunkt.js", "If-None-Match", etag).Code)
}

func TestHandlerHeadAndRange(t *testing.T) {
	dir, files := distDir(t)
	h := Handler(os.DirFS(dir))
	w := serve(h, http.MethodHead, "/widget/synpunkt.wasm")
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String())
	assert.Equal(t, "application/wasm", w.Header().Get("Content-Type"))

	w = serve(h, http.MethodGet, "/widget/synpunkt.wasm", "Range", "bytes=0-3")
	assert.Equal(t, http.StatusPartialContent, w.Code)
	assert.Equal(t, string(files["synpunkt.wasm"][:4]), w.Body.String())
}

func TestHandlerServesRealGzip(t *testing.T) {
	dir, files := distDir(t)
	w := serve(Handler(os.DirFS(dir)), http.MethodGet, "/widget/synpunkt.wasm", "Accept-Encoding", "gzip")
	zr, err := gzip.NewReader(w.Body)
	require.NoError(t, err)
	b, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, files["synpunkt.wasm"], b)
}

func TestAccepted(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   []string
	}{
		{"", []string{"identity"}},
		{"gzip, deflate, br, zstd", []string{"br", "gzip", "identity"}},
		{"gzip;q=1.0, br;q=0", []string{"gzip", "identity"}},
		{" GZIP ; q=0.8 ", []string{"gzip", "identity"}},
		{"*", []string{"br", "gzip", "identity"}},
		{"*;q=0", nil},
		{"*;q=0, gzip", []string{"gzip"}},
		{"identity;q=0", nil},
		{"br, identity;q=0", []string{"br"}},
		{"gzip;q=bad", []string{"gzip", "identity"}},
		{",,;;,", []string{"identity"}},
	} {
		assert.Equal(t, tc.want, accepted(tc.header), tc.header)
	}
}

func FuzzAccepted(f *testing.F) {
	for _, s := range []string{"gzip, deflate, br", "*;q=0", "br;q=0.5, gzip;q=1", "identity;q=0", ";q=", "a;b;c=d;q=1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := accepted(header)
		for _, enc := range got {
			if !slices.Contains([]string{"br", "gzip", "identity"}, enc) {
				t.Fatalf("unknown encoding %q", enc)
			}
		}
		if !strings.Contains(strings.ToLower(header), "identity") && !strings.Contains(header, "*") && !slices.Contains(got, "identity") {
			t.Fatalf("identity refused for %q", header)
		}
	})
}

// TestMeasureErrorsWrap: a file that is not built is fs.ErrNotExist.
func TestMeasureErrorsWrap(t *testing.T) {
	_, err := Measure(os.DirFS(t.TempDir()))
	assert.ErrorIs(t, err, fs.ErrNotExist)
}
