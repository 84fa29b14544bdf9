package wasm

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Handler serves the widget's files from fsys (a directory the widget
// command built, as os.DirFS("wasm/dist"), or an embed.FS), whatever prefix
// it is mounted under (it looks only at the last element of the path), so
//
//	mux.Handle("/widget/", wasm.Handler(os.DirFS("wasm/dist")))
//
// serves /widget/synpunkt.js, /widget/synpunkt.wasm and
// /widget/wasm_exec.js. Any other name is 404, and so is a file that has not
// been built (the body says how to build it). Any method other than GET and
// HEAD is 405. A new build into the same directory is served at once.
//
// It sends the brotli or gzip copy when the client accepts it, with
// Content-Encoding and Vary: Accept-Encoding, and the right Content-Type
// (application/wasm lets browsers compile while they download). The
// loader is sent with Cache-Control: no-cache and an ETag, so browsers
// check for a new one on every page; the WebAssembly and wasm_exec.js,
// which the loader asks for by version (?v=), are cached for a year when
// the version is the one served, and otherwise not at all. Conditional
// and range requests work as in http.ServeContent. The files are public,
// so Access-Control-Allow-Origin is *: the widget can be embedded on
// another origin (the API then needs CORS of its own).
func Handler(fsys fs.FS) http.Handler {
	return &handler{fsys: fsys, sums: make(map[string]sum)}
}

type handler struct {
	fsys fs.FS
	mu   sync.Mutex
	sums map[string]sum // by file name: the hash of the file as last seen
}

type sum struct {
	size    int64
	modTime time.Time
	hex     string
}

var contentTypes = map[string]string{
	".js":   "text/javascript; charset=utf-8",
	".wasm": "application/wasm",
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := path.Base(r.URL.Path)
	if !slices.Contains(Files, name) {
		http.NotFound(w, r)
		return
	}
	hdr := w.Header()
	hdr.Set("Vary", "Accept-Encoding")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Access-Control-Allow-Origin", "*")
	hdr.Set("Cross-Origin-Resource-Policy", "cross-origin")

	var f fs.File
	var info fs.FileInfo
	for _, enc := range accepted(r.Header.Get("Accept-Encoding")) {
		ext := map[string]string{"br": ".br", "gzip": ".gz", "identity": ""}[enc]
		file, err := h.fsys.Open(name + ext)
		if err != nil {
			continue
		}
		fi, err := file.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			file.Close()
			continue
		}
		f, info = file, fi
		if enc != "identity" {
			hdr.Set("Content-Encoding", enc)
		}
		hdr.Set("ETag", `"`+h.hash(name+ext, fi)+ext+`"`)
		break
	}
	if f == nil {
		if _, err := fs.Stat(h.fsys, name); errors.Is(err, fs.ErrNotExist) {
			http.Error(w, name+" is not built: build the widget with "+BuildCommand+" <dir>", http.StatusNotFound)
			return
		}
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	hdr.Set("Content-Type", contentTypes[path.Ext(name)])
	cache := "no-cache"
	if v := r.URL.Query().Get("v"); v != "" && name != "synpunkt.js" {
		if pi, err := fs.Stat(h.fsys, name); err == nil && v == h.hash(name, pi) {
			cache = "public, max-age=31536000, immutable"
		}
	}
	hdr.Set("Cache-Control", cache)
	content, ok := f.(io.ReadSeeker)
	if !ok {
		// A file system whose files cannot seek: serve from memory.
		b, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "cannot read "+name, http.StatusInternalServerError)
			return
		}
		content = bytes.NewReader(b)
	}
	http.ServeContent(w, r, name, info.ModTime(), content)
}

// hash returns the Version of the file name, computed again only when its
// size or modification time changed.
func (h *handler) hash(name string, fi fs.FileInfo) string {
	h.mu.Lock()
	s, ok := h.sums[name]
	h.mu.Unlock()
	if ok && s.size == fi.Size() && s.modTime.Equal(fi.ModTime()) {
		return s.hex
	}
	f, err := h.fsys.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	d := sha256.New()
	if _, err := io.Copy(d, f); err != nil {
		return ""
	}
	s = sum{size: fi.Size(), modTime: fi.ModTime(), hex: hex.EncodeToString(d.Sum(nil)[:6])}
	h.mu.Lock()
	h.sums[name] = s
	h.mu.Unlock()
	return s.hex
}

// accepted returns the encodings to try, best first, from an
// Accept-Encoding header: br, then gzip, when the client accepts them
// (q > 0), and identity last unless the client refuses it.
func accepted(header string) []string {
	q := map[string]float64{}
	star, hasStar := 0.0, false
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		weight := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					weight = f
				}
			}
		}
		if name == "*" {
			star, hasStar = weight, true
		} else if name != "" {
			q[name] = weight
		}
	}
	ok := func(enc string) bool {
		if w, found := q[enc]; found {
			return w > 0
		}
		return hasStar && star > 0
	}
	var out []string
	for _, enc := range []string{"br", "gzip"} {
		if ok(enc) {
			out = append(out, enc)
		}
	}
	if w, found := q["identity"]; !found || w > 0 {
		if found || !hasStar || star > 0 {
			out = append(out, "identity")
		}
	}
	return out
}
