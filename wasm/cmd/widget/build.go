package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/kommunkit/kommunkit/wasm"
	"github.com/kommunkit/kommunkit/wasm/loader"
)

// Build compiles the widget into dir: synpunkt.wasm, wasm_exec.js and
// synpunkt.js (package loader), each with a gzip (.gz) and, when a brotli
// encoder is found (the brotli command, or node), a brotli (.br) copy beside
// it for wasm.Handler to serve. A file that has not changed is left as it is, with its
// compressed copies.
//
// Build runs the go command in the current directory when that is inside
// the kommunkit module or a module that requires it, and otherwise in the
// kommunkit source it was compiled from, if that is on this machine. Each
// file is written to a temporary name and renamed into place, so a
// wasm.Handler serving dir meanwhile sends either the old file or the new
// one.
func Build(ctx context.Context, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("widget: %w", err)
	}
	tmp, err := os.MkdirTemp(dir, ".build-")
	if err != nil {
		return fmt.Errorf("widget: %w", err)
	}
	defer os.RemoveAll(tmp)

	out := filepath.Join(tmp, "synpunkt.wasm")
	dir, err = filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("widget: %w", err)
	}
	src, err := goDir(ctx)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath",
		// Without inlining the module is about 5% smaller after gzip, and
		// the widget does little enough work that speed does not suffer.
		"-gcflags=all=-l", "-ldflags=-s -w", "-o", out, wasm.Package)
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("widget: go build %s: %w\n%s", wasm.Package, err, msg)
	}
	module, err := os.ReadFile(out)
	if err != nil {
		return fmt.Errorf("widget: %w", err)
	}
	execJS, err := wasmExec(ctx)
	if err != nil {
		return err
	}
	js, err := loader.Script(map[string]string{"wasm_exec.js": wasm.Version(execJS), "synpunkt.wasm": wasm.Version(module)})
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"wasm_exec.js", execJS}, {"synpunkt.wasm", module}, {"synpunkt.js", js}} {
		if err := write(ctx, dir, tmp, f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}

// goDir returns where to run the go command so that it finds Package: the
// current directory when it is inside a Go module (kommunkit's, or one that
// requires it), or else the module this file was compiled from, when its
// source is on this machine (a program built from a clone and run from
// elsewhere).
func goDir(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("widget: go env GOMOD: %w (is the go command installed?)", err)
	}
	if mod := strings.TrimSpace(string(out)); mod != "" && mod != os.DevNull {
		return ".", nil
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		root := filepath.Join(filepath.Dir(file), "..", "..", "..")
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			return root, nil
		}
	}
	return "", errors.New("widget: run it inside the kommunkit module or a module that requires it")
}

// wasmExec returns the wasm_exec.js of the go command's own GOROOT, which
// matches the runtime it compiled.
func wasmExec(ctx context.Context) ([]byte, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("widget: go env GOROOT: %w", err)
	}
	root := strings.TrimSpace(string(out))
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		if b, err := os.ReadFile(filepath.Join(root, p)); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("widget: no wasm_exec.js in GOROOT %q", root)
}

// write puts data in dir/name unless the file there already holds it, and
// then makes sure its compressed copies exist.
func write(ctx context.Context, dir, tmp, name string, data []byte) error {
	dst := filepath.Join(dir, name)
	same := false
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
		same = true
	}
	if !same {
		if err := place(tmp, dst, data); err != nil {
			return err
		}
	}
	if _, err := os.Stat(dst + ".gz"); !same || err != nil {
		gz, err := gzipped(ctx, data)
		if err != nil {
			return fmt.Errorf("widget: gzip %s: %w", name, err)
		}
		if err := place(tmp, dst+".gz", gz); err != nil {
			return err
		}
	}
	if _, err := os.Stat(dst + ".br"); !same || err != nil {
		br, err := brotli(ctx, data)
		if errors.Is(err, errNoBrotli) {
			os.Remove(dst + ".br") // never serve a stale copy
			return nil
		}
		if err != nil {
			return fmt.Errorf("widget: brotli %s: %w", name, err)
		}
		if err := place(tmp, dst+".br", br); err != nil {
			return err
		}
	}
	return nil
}

// gzipped compresses data with the gzip command at -9 when there is one
// (zlib's deflate is about 1.5% smaller than compress/flate's on the
// WebAssembly), and otherwise with compress/gzip. Either way the result is
// checked by decompressing it.
func gzipped(ctx context.Context, data []byte) ([]byte, error) {
	var out []byte
	if p, err := exec.LookPath("gzip"); err == nil {
		cmd := exec.CommandContext(ctx, p, "-c", "-9", "-n")
		cmd.Stdin = bytes.NewReader(data)
		if b, err := cmd.Output(); err == nil {
			out = b
		}
	}
	if out == nil {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(data)
		if err := zw.Close(); err != nil {
			return nil, err
		}
		out = buf.Bytes()
	}
	zr, err := gzip.NewReader(bytes.NewReader(out))
	if err != nil {
		return nil, err
	}
	back, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("the compressed copy does not decompress: %w", err)
	}
	if !bytes.Equal(back, data) {
		return nil, errors.New("the compressed copy does not decompress to the file")
	}
	return out, nil
}

func place(tmp, dst string, data []byte) error {
	f, err := os.CreateTemp(tmp, filepath.Base(dst))
	if err != nil {
		return fmt.Errorf("widget: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), dst)
	}
	if err != nil {
		return fmt.Errorf("widget: write %s: %w", dst, err)
	}
	return nil
}

var errNoBrotli = errors.New("no brotli encoder: install brotli or node")

// brotli compresses data at quality 11 with the brotli command, or with
// node's zlib, which the browser tests install anyway. The standard
// library has no brotli encoder and kommunkit takes no dependency for one.
func brotli(ctx context.Context, data []byte) ([]byte, error) {
	var cmd *exec.Cmd
	if p, err := exec.LookPath("brotli"); err == nil {
		cmd = exec.CommandContext(ctx, p, "-c", "-q", "11", "-")
	} else if p, err := exec.LookPath("node"); err == nil {
		cmd = exec.CommandContext(ctx, p, "-e", `const z = require("zlib");
process.stdout.write(z.brotliCompressSync(require("fs").readFileSync(0), {params: {
  [z.constants.BROTLI_PARAM_QUALITY]: 11,
  [z.constants.BROTLI_PARAM_LGWIN]: 24,
  [z.constants.BROTLI_PARAM_SIZE_HINT]: `+strconv.Itoa(len(data))+`}}));`)
	} else {
		return nil, errNoBrotli
	}
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	if len(out) == 0 {
		return nil, errors.New("empty output")
	}
	return out, nil
}
