package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outcome is what a client knows of one idempotency key.
type outcome struct {
	key     string
	acked   bool   // answered 201 or 200
	id      string // from the answer
	token   string
	retries int // retries answered 200 with the same case
}

// loadResult is what the clients of a load saw.
type loadResult struct {
	mu   sync.Mutex
	keys map[string]*outcome
	// acked counts answers 201; duplicates counts retries answered with
	// another case than the first answer (must stay 0).
	acked, retried, failed, duplicates atomic.Int64
}

func (lr *loadResult) outcome(key string) *outcome {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	o := lr.keys[key]
	if o == nil {
		o = &outcome{key: key}
		lr.keys[key] = o
	}
	return o
}

type ackBody struct {
	ID    string `json:"id"`
	Token string `json:"token"`
}

// post sends the submission of key: its text is made from the key, so
// that every retry sends the same body, as a real client does (another
// body under a stored key is refused with 409). ok is false when no answer
// came (the process died under it).
func post(c *http.Client, base, key string) (status int, a ackBody, ok bool) {
	body, _ := json.Marshal(map[string]any{
		"text": "Förslag " + key + ": fler bänkar i parken, tack.", "channel": "web", "idempotency_key": key,
		"contact": map[string]any{"email": "load@example.se"},
	})
	resp, err := c.Post(base+"/api/feedback", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, a, false
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, a, false
	}
	if resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusOK {
		if json.Unmarshal(b, &a) != nil {
			return resp.StatusCode, a, false
		}
	}
	return resp.StatusCode, a, true
}

// load runs clients that submit until stop is closed. Every tenth request
// retries a key already answered, which must give the same case.
func load(base string, clients int, lr *loadResult, stop <-chan struct{}) *sync.WaitGroup {
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
			var mine []*outcome
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if i%10 == 9 && len(mine) > 0 {
					o := mine[(i*7)%len(mine)]
					st, a, ok := post(c, base, o.key)
					if ok && st == http.StatusOK {
						lr.retried.Add(1)
						if a.ID != o.id || a.Token != o.token {
							lr.duplicates.Add(1)
						}
					}
					continue
				}
				key := uuid.NewString()
				o := lr.outcome(key)
				st, a, ok := post(c, base, key)
				switch {
				case ok && st == http.StatusCreated:
					lr.mu.Lock()
					o.acked, o.id, o.token = true, a.ID, a.Token
					lr.mu.Unlock()
					lr.acked.Add(1)
					mine = append(mine, o)
				default:
					lr.failed.Add(1)
				}
			}
		}()
	}
	return &wg
}

// stopMidLoad starts the site on the database file db and drives it with
// clients concurrent clients until it has acknowledged acked submissions or
// 20 seconds have passed. Then it stops the site with stopSite, stops the
// clients, and returns the site and what the clients saw.
func stopMidLoad(t *testing.T, db string, clients int, acked int64, stopSite func(*site)) (*site, *loadResult) {
	t.Helper()
	s := startSite(t, db, "-rate-limit", "0")
	lr := &loadResult{keys: map[string]*outcome{}}
	stop := make(chan struct{})
	wg := load(s.URL, clients, lr, stop)
	deadline := time.Now().Add(20 * time.Second)
	for lr.acked.Load() < acked && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	stopSite(s)
	close(stop)
	wg.Wait()
	return s, lr
}

// checkAfterRestart starts a fresh process on the database file db and
// checks that every acknowledged submission is there, that every key sent
// is stored at most once, and that a retry of every key gives one case.
func checkAfterRestart(t *testing.T, db string, lr *loadResult) {
	t.Helper()
	base := startSite(t, db, "-rate-limit", "0").URL
	c := &http.Client{Timeout: 10 * time.Second}
	acked := 0
	for _, o := range lr.keys {
		if !o.acked {
			continue
		}
		acked++
		resp, err := c.Get(base + "/api/feedback/" + o.token)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, "an acknowledged submission (key %s) is readable by its token after the restart", o.key)
		st, a, ok := post(c, base, o.key)
		require.True(t, ok)
		require.Equal(t, http.StatusOK, st, "a retry of an acknowledged key is 200")
		require.Equal(t, o.id, a.ID, "a retry gives the same case")
		require.Equal(t, o.token, a.Token)
	}
	require.Equal(t, int(lr.acked.Load()), acked)
	// Keys that got no answer: stored or not, a retry now settles them,
	// and a second retry gives the same case.
	unknown := 0
	for _, o := range lr.keys {
		if o.acked {
			continue
		}
		unknown++
		st1, a1, ok := post(c, base, o.key)
		require.True(t, ok)
		require.Contains(t, []int{http.StatusOK, http.StatusCreated}, st1)
		st2, a2, ok := post(c, base, o.key)
		require.True(t, ok)
		require.Equal(t, http.StatusOK, st2)
		require.Equal(t, a1.ID, a2.ID)
	}
	// One case per key, no more.
	req, _ := http.NewRequest(http.MethodGet, base+"/api/staff/cases?limit=100000", nil)
	req.Header.Set("Authorization", "Bearer "+testStaffToken)
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var list struct {
		Cases []struct {
			ID string `json:"id"`
		} `json:"cases"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&list))
	seen := map[string]bool{}
	for _, cs := range list.Cases {
		require.False(t, seen[cs.ID])
		seen[cs.ID] = true
	}
	assert.Equal(t, len(lr.keys), len(list.Cases), "one case per idempotency key: %d acknowledged, %d unanswered", acked, unknown)
	assert.Zero(t, lr.duplicates.Load(), "retries during the load gave the first case")
	t.Logf("%d acknowledged before the stop, %d retries answered 200 during the load, %d without an answer", acked, lr.retried.Load(), unknown)
}

// TestDurabilityKill starts the built binary, drives concurrent
// submissions, kills it with SIGKILL mid-load, restarts it and checks that
// every submission answered 201 is there and no key made two cases.
func TestDurabilityKill(t *testing.T) {
	db := filepath.Join(t.TempDir(), "durability.db")
	_, lr := stopMidLoad(t, db, 24, 1500, func(s *site) {
		require.NoError(t, s.cmd.Process.Signal(syscall.SIGKILL))
		<-s.done
	})
	require.Positive(t, lr.acked.Load())
	checkAfterRestart(t, db, lr)
}

// TestDurabilityGracefulStop stops the binary with SIGTERM mid-load: it
// exits cleanly and everything it acknowledged is there after a restart.
func TestDurabilityGracefulStop(t *testing.T) {
	db := filepath.Join(t.TempDir(), "graceful.db")
	s, lr := stopMidLoad(t, db, 16, 500, func(s *site) { s.stop(t, syscall.SIGTERM) })
	require.NoError(t, s.err, "a clean exit:\n%s", s.output())
	checkAfterRestart(t, db, lr)
}
