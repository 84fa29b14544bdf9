// Command loadgen drives the kommunkit feedback API with concurrent
// clients and reports how many submissions it acknowledged per second and
// the latency of each (p50, p95, p99, max). Every request is the full
// path: POST /api/feedback with a new idempotency key, which the server
// validates, classifies, redacts and commits before it answers 201.
//
//	go run ./examples/site -rate-limit 0 -db /tmp/load.db &
//	go run ./examples/loadgen -url http://127.0.0.1:8080 -clients 32 -duration 20s
//	go run ./examples/loadgen -url http://127.0.0.1:8080 -sweep 1,2,4,8,16,32,64 -duration 10s
//
// Only 201 answers count as acknowledged; anything else is counted as an
// error and reported. Run the site with -rate-limit 0, or every client
// soon gets 429.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// texts are the messages the clients send in turn: a mix of kinds,
// languages and personal data, about 150 to 400 characters.
var texts = []string{
	"Hej! Jag vill framföra ett stort tack till personalen på biblioteket i Nykvarn som hjälpte min mamma att komma igång med e-böcker. Ni var tålmodiga och vänliga hela vägen.",
	"Jag är mycket missnöjd med snöröjningen på Skolvägen. Det har inte plogats på tre dagar och min granne halkade i morse. Ring mig gärna på 070-123 45 67 så berättar jag mer.",
	"Förslag: sätt upp fler papperskorgar vid busshållplatsen vid centrum, och töm dem oftare under sommaren. Det blåser ut skräp över hela torget varje helg.",
	"Hur gör jag för att ansöka om plats i förskolan till hösten? Min son har personnummer 20190412-1234 och vi flyttar till kommunen i augusti.",
	"Gatlyktan utanför Storgatan 12 har varit släckt i över en vecka. Det är väldigt mörkt på kvällarna och barnen går förbi där till skolan.",
	"Jag vill överklaga beslutet om avslag på bygglov för vårt uterum som jag fick den 3 mars. Vi anser att beslutet är fel och vill att det prövas igen.",
	"Kiitos, kirjaston henkilökunta auttoi minua todella paljon ja palvelu oli erinomaista. Toivottavasti aukioloajat pysyvät ennallaan.",
	"The recycling station near the lake has been overflowing for two weeks. Could you please empty it more often? You can reach me at visitor@example.com.",
}

type result struct {
	latency time.Duration
	status  int
	err     error
}

// run drives clients against base for d and returns every request's
// result that finished in the measured window, and the window.
func run(base string, clients int, warmup, d time.Duration) ([]result, time.Duration) {
	transport := &http.Transport{
		MaxIdleConns:        clients * 2,
		MaxIdleConnsPerHost: clients * 2,
		IdleConnTimeout:     90 * time.Second,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
	}
	defer transport.CloseIdleConnections()
	c := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var all []result
	start := time.Now()
	measureFrom := start.Add(warmup)
	end := measureFrom.Add(d)
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []result
			var buf bytes.Buffer
			for i := 0; ; i++ {
				now := time.Now()
				if now.After(end) {
					break
				}
				buf.Reset()
				buf.WriteString(`{"channel":"web","language":"","contact":{"name":"Lasttest","email":"load@example.se"},"idempotency_key":"`)
				buf.WriteString(uuid.NewString())
				buf.WriteString(`","text":`)
				buf.WriteString(strconv.Quote(texts[(w+i)%len(texts)] + " #" + strconv.Itoa(i)))
				buf.WriteString(`}`)
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/feedback", bytes.NewReader(buf.Bytes()))
				if err != nil {
					mine = append(mine, result{err: err})
					continue
				}
				req.Header.Set("Content-Type", "application/json")
				t0 := time.Now()
				resp, err := c.Do(req)
				var r result
				if err != nil {
					r = result{err: err}
				} else {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					r = result{status: resp.StatusCode, err: err}
				}
				r.latency = time.Since(t0)
				if !t0.Before(measureFrom) && !t0.Add(r.latency).After(end) {
					mine = append(mine, r)
				}
				if err != nil && errors.Is(err, context.Canceled) {
					break
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all, d
}

// Summary is the outcome of one run.
type Summary struct {
	Clients       int
	Acknowledged  int
	Errors        int
	ErrorKinds    map[string]int
	PerSecond     float64
	P50, P95, P99 time.Duration
	Max           time.Duration
}

func summarize(clients int, rs []result, d time.Duration) Summary {
	s := Summary{Clients: clients, ErrorKinds: map[string]int{}}
	var lat []time.Duration
	for _, r := range rs {
		if r.err == nil && r.status == http.StatusCreated {
			s.Acknowledged++
			lat = append(lat, r.latency)
			continue
		}
		s.Errors++
		if r.err != nil {
			s.ErrorKinds[r.err.Error()]++
		} else {
			s.ErrorKinds["HTTP "+strconv.Itoa(r.status)]++
		}
	}
	s.PerSecond = float64(s.Acknowledged) / d.Seconds()
	if len(lat) > 0 {
		slices.Sort(lat)
		q := func(p float64) time.Duration {
			i := int(p*float64(len(lat))+0.5) - 1
			return lat[max(0, min(i, len(lat)-1))]
		}
		s.P50, s.P95, s.P99, s.Max = q(0.50), q(0.95), q(0.99), lat[len(lat)-1]
	}
	return s
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64)
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "base URL of the site (run it with -rate-limit 0)")
	clients := flag.Int("clients", 32, "concurrent clients")
	sweep := flag.String("sweep", "", "comma-separated client counts to run one after another, e.g. 1,2,4,8,16,32,64 (overrides -clients)")
	duration := flag.Duration("duration", 20*time.Second, "measured time per run")
	warmup := flag.Duration("warmup", 2*time.Second, "time per run before measuring")
	flag.Parse()

	counts := []int{*clients}
	if *sweep != "" {
		counts = nil
		for _, f := range strings.Split(*sweep, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				fmt.Fprintf(os.Stderr, "loadgen: -sweep: %q is not a client count\n", f)
				os.Exit(2)
			}
			counts = append(counts, n)
		}
	}
	*base = strings.TrimSuffix(*base, "/")
	resp, err := http.Get(*base + "/api/policy")
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: the site does not answer:", err)
		os.Exit(1)
	}
	resp.Body.Close()

	fmt.Printf("loadgen: POST %s/api/feedback, %s per run after %s warm-up\n\n", *base, *duration, *warmup)
	fmt.Println("| clients | acknowledged/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
	fmt.Println("|--:|--:|--:|--:|--:|--:|--:|")
	failed := false
	for _, n := range counts {
		rs, d := run(*base, n, *warmup, *duration)
		s := summarize(n, rs, d)
		fmt.Printf("| %d | %.0f | %s | %s | %s | %s | %d |\n", s.Clients, s.PerSecond, ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), s.Errors)
		for k, v := range s.ErrorKinds {
			fmt.Fprintf(os.Stderr, "loadgen: %d clients: %d × %s\n", n, v, k)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
