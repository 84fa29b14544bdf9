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
//
// Each client keeps one HTTP/1.1 connection and sends the next submission
// when the answer to the last one has come (a closed loop). The clients
// speak HTTP with a lean hand-written client, because the load tool shares
// the machine's CPU with the server; -stdclient uses net/http's client.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
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

// body returns the JSON of the i-th submission of client w: a new
// idempotency key every time.
func body(buf *bytes.Buffer, w, i int) {
	buf.Reset()
	buf.WriteString(`{"channel":"web","contact":{"name":"Lasttest","email":"load@example.se"},"idempotency_key":"`)
	buf.WriteString(uuid.NewString())
	buf.WriteString(`","text":`)
	buf.WriteString(strconv.Quote(texts[(w+i)%len(texts)] + " #" + strconv.Itoa(i)))
	buf.WriteString(`}`)
}

// poster sends one submission and returns the status.
type poster interface {
	post(body []byte) (int, error)
	close()
}

// stdPoster uses net/http's client.
type stdPoster struct {
	c   *http.Client
	url string
}

func (p *stdPoster) post(b []byte) (int, error) {
	resp, err := p.c.Post(p.url, "application/json", bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

func (p *stdPoster) close() {}

// rawPoster speaks HTTP/1.1 on one kept-alive connection, with as little
// work as a client can do, so that the load tool takes little of the CPU
// it shares with the server on one machine. It reconnects when the server
// closes the connection.
type rawPoster struct {
	addr, host, path string
	conn             net.Conn
	r                *bufio.Reader
	head             []byte
}

func (p *rawPoster) dial() error {
	c, err := net.DialTimeout("tcp", p.addr, 5*time.Second)
	if err != nil {
		return err
	}
	p.conn, p.r = c, bufio.NewReaderSize(c, 8192)
	return nil
}

func (p *rawPoster) post(b []byte) (int, error) {
	if p.conn == nil {
		if err := p.dial(); err != nil {
			return 0, err
		}
	}
	req := append(p.head[:0], "POST "+p.path+" HTTP/1.1\r\nHost: "+p.host+"\r\nContent-Type: application/json\r\nContent-Length: "...)
	req = strconv.AppendInt(req, int64(len(b)), 10)
	req = append(req, "\r\n\r\n"...)
	req = append(req, b...)
	p.head = req
	_ = p.conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := p.conn.Write(req); err != nil {
		p.close()
		return 0, err
	}
	status, keep, err := readResponse(p.r)
	if err != nil || !keep {
		p.close()
	}
	return status, err
}

func (p *rawPoster) close() {
	if p.conn != nil {
		p.conn.Close()
		p.conn = nil
	}
}

// readResponse reads one HTTP/1.1 response with a Content-Length body and
// reports its status and whether the connection stays open.
func readResponse(r *bufio.Reader) (status int, keep bool, err error) {
	line, err := r.ReadSlice('\n')
	if err != nil {
		return 0, false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, false, errors.New("not an HTTP/1.1 status line: " + strconv.Quote(string(line)))
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, false, err
	}
	length, keep := -1, true
	for {
		line, err = r.ReadSlice('\n')
		if err != nil {
			return 0, false, err
		}
		if len(line) <= 2 {
			break
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		v = bytes.TrimSpace(v)
		switch {
		case bytes.EqualFold(k, []byte("Content-Length")):
			length, err = strconv.Atoi(string(v))
			if err != nil {
				return 0, false, err
			}
		case bytes.EqualFold(k, []byte("Connection")) && bytes.EqualFold(v, []byte("close")):
			keep = false
		case bytes.EqualFold(k, []byte("Transfer-Encoding")):
			return 0, false, errors.New("chunked answers are not read by the raw client; use -stdclient")
		}
	}
	if length < 0 {
		return 0, false, errors.New("an answer without Content-Length")
	}
	_, err = r.Discard(length)
	return status, keep, err
}

// run drives clients against base for d after warmup and returns the
// result of every request that started and finished in the measured window.
func run(base string, clients int, warmup, d time.Duration, std bool) ([]result, error) {
	u, err := url.Parse(base + "/api/feedback")
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" {
		return nil, errors.New("only http:// base URLs")
	}
	addr := u.Host
	if u.Port() == "" {
		addr += ":80"
	}
	transport := &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, IdleConnTimeout: 90 * time.Second}
	defer transport.CloseIdleConnections()
	var mu sync.Mutex
	var all []result
	measureFrom := time.Now().Add(warmup)
	end := measureFrom.Add(d)
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p poster = &rawPoster{addr: addr, host: u.Host, path: u.Path}
			if std {
				p = &stdPoster{c: &http.Client{Transport: transport, Timeout: 30 * time.Second}, url: u.String()}
			}
			defer p.close()
			var mine []result
			var buf bytes.Buffer
			for i := 0; ; i++ {
				if time.Now().After(end) {
					break
				}
				body(&buf, w, i)
				t0 := time.Now()
				status, err := p.post(buf.Bytes())
				r := result{status: status, err: err, latency: time.Since(t0)}
				if !t0.Before(measureFrom) && !t0.Add(r.latency).After(end) {
					mine = append(mine, r)
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all, nil
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
	std := flag.Bool("stdclient", false, "use net/http's client instead of the lean HTTP/1.1 client (costs the machine more CPU per request)")
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
		rs, err := run(*base, n, *warmup, *duration, *std)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(2)
		}
		s := summarize(n, rs, *duration)
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
