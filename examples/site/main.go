// Command site is a municipal web site on kommunkit: the feedback API
// (package feedback/httpapi) on SQLite, the staff inbox and follow-up
// dashboard, and the feedback widget.
//
// It is the one place that chooses the store: it opens a feedback/sqlstore
// Store on a SQLite file and hands it to the API and the pages, which take
// it as the interfaces of package feedback (feedback.CaseStore,
// feedback.Store) and import no store of their own.
//
//	go generate ./examples/site                 # builds the widget into wasm/dist
//	go run ./examples/site                      # http://127.0.0.1:8080
//	go run ./examples/site -addr 127.0.0.1:9000 -db /tmp/k.db -policy osteraker -rate-limit 0
//
// It serves the widget (package wasm) under /widget/ from wasm/dist, or
// -widget-dir, where `go generate ./examples/site` (or `make widget`)
// built it: the site never runs the go command, so a deployed binary needs
// no Go toolchain. Without a built widget the pages show their plain form,
// and the site says at start how to build it.
//
// The staff secret comes from KOMMUNKIT_STAFF_TOKEN; when that is unset, a
// random one is made and printed at start. A secret the operator sets must
// have at least 128 bits of entropy (httpapi.CheckStaffToken: 32 random
// hexadecimal digits will do, e.g. `openssl rand -hex 24`); a weaker one
// stops the site at start with an error that names KOMMUNKIT_STAFF_TOKEN.
// The key that signs form stamps comes from KOMMUNKIT_FORM_KEY, or is
// derived from the staff secret.
//
// Staff sign in at /staff/login. Each sign-in is a session of its own,
// stored in the database (hashed) and ended by signing out, after two hours
// without use or ten hours after sign-in (package webui). A client that
// fails to sign in five times in a row must wait 1 s, then 2 s, 4 s … up to
// 15 min before each further try (429 with Retry-After); each failure is
// logged without the token and without the client's address.
//
// Behind a proxy that ends TLS, give the public address with -public-url
// https://synpunkt.exempelby.se: the staff cookie is then Secure, and the
// receipt's link to the case is built from it (without it the link is
// relative, never built from the request's Host header). -secure-cookies
// marks the cookie Secure without naming the address.
//
// On SIGTERM or SIGINT the site stops taking submissions, finishes the
// requests under way and commits everything it has acknowledged before it
// exits.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/servicerules"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	dbPath := flag.String("db", "kommunkit.db", "SQLite database file (made if missing; WAL mode)")
	policyName := flag.String("policy", "nykvarn", "service policy: a preset ("+strings.Join(servicerules.Presets(), ", ")+") or a JSON file")
	rateLimit := flag.Int("rate-limit", 60, "requests per minute per client; 0 turns the limit off")
	wdir := flag.String("widget-dir", "", "the directory the widget was built into, served under /widget/ (default: wasm/dist in the module)")
	cors := flag.String("cors", "", "comma-separated origins whose pages may call the public API (the widget on another site); * for any")
	publicURL := flag.String("public-url", "", "the address people reach the site at (https://synpunkt.exempelby.se): the receipt's link is built from it, and https makes the staff cookie Secure")
	secureCookies := flag.Bool("secure-cookies", false, "mark the staff cookie Secure even on plain HTTP (behind a TLS-terminating proxy); an https -public-url does this too")
	flag.Parse()
	web := webOptions{secureCookies: *secureCookies}
	if *publicURL != "" {
		u, err := webui.ParsePublicURL(*publicURL)
		if err != nil {
			fmt.Fprintln(os.Stderr, "site: -public-url:", err)
			os.Exit(2)
		}
		web.publicURL = u
	}
	if err := run(*addr, *dbPath, *policyName, *rateLimit, *wdir, *cors, web); err != nil {
		fmt.Fprintln(os.Stderr, "site:", err)
		os.Exit(1)
	}
}

func loadPolicy(name string) (*servicerules.Policy, error) {
	if strings.HasSuffix(name, ".json") || strings.ContainsRune(name, os.PathSeparator) {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		return servicerules.Parse(b)
	}
	return servicerules.Preset(name)
}

func staffToken() (string, bool, error) {
	if t := os.Getenv("KOMMUNKIT_STAFF_TOKEN"); t != "" {
		return t, false, nil
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", false, err
	}
	return hex.EncodeToString(b), true, nil
}

// walCheckpointPages is how many pages the WAL may hold before a commit
// copies them into the database file (SQLite's default is 1,000). Under a
// steady stream of submissions a larger WAL checkpoints less often and
// writes a page changed by many commits (index pages) once, not once per
// 1,000 pages: about a fifth more acknowledged submissions per second on
// this machine (examples/loadgen), with the WAL bounded at about 16 MB.
const walCheckpointPages = 4000

// openDB opens the SQLite database with sqlstore's settings (WAL,
// synchronous=FULL, a busy timeout, foreign keys) and a larger WAL.
func openDB(path string) (*sql.DB, error) {
	dsn, err := sqlstore.SQLite{Path: path}.DSN()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn+"&_pragma=wal_autocheckpoint("+strconv.Itoa(walCheckpointPages)+")")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// webOptions are the flags of the staff and citizen pages.
type webOptions struct {
	publicURL     *url.URL
	secureCookies bool
}

func run(addr, dbPath, policyName string, rateLimit int, wdir, cors string, web webOptions) error {
	policy, err := loadPolicy(policyName)
	if err != nil {
		return err
	}
	token, generated, err := staffToken()
	if err != nil {
		return err
	}
	if err := httpapi.CheckStaffToken(token); err != nil {
		return fmt.Errorf("KOMMUNKIT_STAFF_TOKEN: %w", err)
	}
	db, err := openDB(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	// The store, wired in here only: the API and the pages take it as
	// feedback.CaseStore and feedback.Store.
	store, err := sqlstore.Open(ctx, db, sqlstore.Config{Calendar: policy.Calendar()})
	if err != nil {
		return err
	}
	defer store.Close()
	logger := log.New(os.Stderr, "site: ", log.LstdFlags)
	cfg := httpapi.Config{
		Store:      store,
		Policy:     policy,
		StaffToken: token,
		StampKey:   httpapi.StampKey(os.Getenv("KOMMUNKIT_FORM_KEY"), token),
		RateLimit:  rateLimit,
		ErrorLog:   func(err error) { logger.Print(err) },
	}
	for _, o := range strings.Split(cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.CORSOrigins = append(cfg.CORSOrigins, o)
		}
	}
	api, err := httpapi.New(cfg)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api)
	mux.Handle("/open311/", api)
	if err := mountPages(mux, api, pageConfig{Store: store, Policy: policy, StaffToken: token, StampKey: httpapi.StampKey(os.Getenv("KOMMUNKIT_FORM_KEY"), token),
		ErrorLog: func(err error) { logger.Print(err) }, AuthLog: func(line string) { logger.Print(line) },
		PublicURL: web.publicURL, SecureCookies: web.secureCookies}); err != nil {
		return err
	}
	dir, err := widgetDir(wdir)
	if err != nil {
		return err
	}
	if missing := mountWidget(mux, dir); missing != "" {
		fmt.Printf("kommunkit site: %s\n", missing)
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           httpapi.SecurityHeaders(mux),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          logger,
	}
	fmt.Printf("kommunkit site: policy %s, database %s, rate limit %d/min\n", policy.ID(), dbPath, rateLimit)
	if generated {
		fmt.Printf("kommunkit site: staff token (KOMMUNKIT_STAFF_TOKEN unset, made for this run): %s\n", token)
	}
	fmt.Printf("kommunkit site: listening on http://%s\n", ln.Addr())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case sig := <-stop:
		fmt.Printf("kommunkit site: %s: finishing requests under way\n", sig)
	}
	// No new submissions; the requests inside wait for their commits;
	// then the store commits what it was given and stops.
	api.Drain()
	shutdown, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	if cerr := store.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if errors.Is(<-served, http.ErrServerClosed) {
		fmt.Println("kommunkit site: stopped; everything acknowledged is committed")
	}
	return err
}
