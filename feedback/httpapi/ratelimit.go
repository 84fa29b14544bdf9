package httpapi

import (
	"hash/maphash"
	"sync"
	"time"
)

// rateLimiter is a token bucket per client: a client may make perMinute
// requests a minute, with a burst of as many. Buckets that have refilled
// are forgotten, so the memory it holds follows the clients active in the
// last minute.
type rateLimiter struct {
	perMinute float64
	seed      maphash.Seed
	shards    [32]limiterShard
}

type limiterShard struct {
	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter(perMinute int) *rateLimiter {
	l := &rateLimiter{perMinute: float64(perMinute), seed: maphash.MakeSeed()}
	for i := range l.shards {
		l.shards[i].buckets = map[string]*bucket{}
	}
	return l
}

func (l *rateLimiter) shard(key string) *limiterShard {
	return &l.shards[maphash.String(l.seed, key)%uint64(len(l.shards))]
}

// take takes cost tokens from key's bucket at now. When there are not
// enough, it takes none and returns how long until there will be.
func (l *rateLimiter) take(key string, cost int, now time.Time) (time.Duration, bool) {
	s := l.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if now.Sub(s.sweep) > time.Minute {
		for k, b := range s.buckets {
			if l.level(b, now) >= l.perMinute {
				delete(s.buckets, k)
			}
		}
		s.sweep = now
	}
	b := s.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.perMinute, at: now}
		s.buckets[key] = b
	}
	b.tokens = l.level(b, now)
	b.at = now
	// A cost above the burst would never be met; it takes the whole burst.
	c := min(float64(cost), l.perMinute)
	if b.tokens >= c {
		b.tokens -= c
		return 0, true
	}
	return time.Duration((c - b.tokens) / l.perMinute * float64(time.Minute)), false
}

func (l *rateLimiter) level(b *bucket, now time.Time) float64 {
	d := now.Sub(b.at)
	if d < 0 {
		d = 0
	}
	return min(b.tokens+d.Minutes()*l.perMinute, l.perMinute)
}

// maxLedgerStamps bounds the stamps a stampLedger remembers. When it is
// full, a stamp it has not seen counts as used up: under a flood of new
// stamps, submissions pay the rate of unstamped ones rather than the
// ledger growing without bound.
const maxLedgerStamps = 1 << 18

// stampLedger is the Handler's StampLedger: uses per nonce in memory, each
// forgotten when its stamp expires.
type stampLedger struct {
	seed   maphash.Seed
	shards [32]ledgerShard
}

type ledgerShard struct {
	mu    sync.Mutex
	uses  map[string]stampUses
	sweep time.Time
}

type stampUses struct {
	n       int
	expires time.Time
}

func newStampLedger() *stampLedger {
	l := &stampLedger{seed: maphash.MakeSeed()}
	for i := range l.shards {
		l.shards[i].uses = map[string]stampUses{}
	}
	return l
}

// Use implements StampLedger.
func (l *stampLedger) Use(nonce string, expires, now time.Time) int {
	s := &l.shards[maphash.String(l.seed, nonce)%uint64(len(l.shards))]
	s.mu.Lock()
	defer s.mu.Unlock()
	if now.Sub(s.sweep) > time.Minute {
		for k, u := range s.uses {
			if now.After(u.expires) {
				delete(s.uses, k)
			}
		}
		s.sweep = now
	}
	u, seen := s.uses[nonce]
	if !seen && len(s.uses) >= maxLedgerStamps/len(l.shards) {
		return MaxStampUses + 1
	}
	u.n++
	u.expires = expires
	s.uses[nonce] = u
	return u.n
}
