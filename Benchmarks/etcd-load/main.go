// etcd-load drives an etcd v3 cluster through its native gRPC client (clientv3), with
// the same options and the same one-line JSON output as `kvstore bench`, so that
// scripts/bench kv can put the two side by side.
//
// Build (Debian: golang-go golang-etcd-server-dev):
//
//	GOPATH=$PWD/.gopath:/usr/share/gocode GO111MODULE=off go build -o etcd-load .
//
// Run:
//
//	etcd-load --endpoints 127.0.0.1:2379,127.0.0.1:22379 --clients 16 --conns 4 \
//	          --duration 10s --value-size 128 --read-ratio 0
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"go.etcd.io/etcd/clientv3"
)

type result struct {
	Target      string  `json:"target"`
	Client      string  `json:"client"`
	Clients     int     `json:"clients"`
	Conns       int     `json:"conns"`
	KeySize     int     `json:"key_size"`
	ValueSize   int     `json:"value_size"`
	ReadRatio   float64 `json:"read_ratio"`
	Seconds     float64 `json:"seconds"`
	Ops         int     `json:"ops"`
	Errors      int     `json:"errors"`
	OpsPerSec   float64 `json:"ops_per_s"`
	P50Micros   float64 `json:"p50_us"`
	P99Micros   float64 `json:"p99_us"`
	P999Micros  float64 `json:"p999_us"`
	MaxMicros   float64 `json:"max_us"`
}

func main() {
	endpoints := flag.String("endpoints", "127.0.0.1:2379", "comma-separated etcd client endpoints")
	clients := flag.Int("clients", 1, "concurrent clients (each waits for its answer before the next request)")
	conns := flag.Int("conns", 1, "gRPC connections the clients share")
	duration := flag.Duration("duration", 10*time.Second, "how long to run")
	keySize := flag.Int("key-size", 16, "key size in bytes")
	valueSize := flag.Int("value-size", 128, "value size in bytes")
	keySpace := flag.Int("keys", 100000, "distinct keys")
	readRatio := flag.Float64("read-ratio", 0, "fraction of requests that are reads (linearizable range)")
	target := flag.String("target", "etcd", "label for the output")
	flag.Parse()
	if *clients < 1 || *conns < 1 || *keySize < 8 || *valueSize < 0 || *keySpace < 1 || *readRatio < 0 || *readRatio > 1 {
		fmt.Fprintln(os.Stderr, "etcd-load: invalid options")
		os.Exit(2)
	}

	pool := make([]*clientv3.Client, *conns)
	for i := range pool {
		c, err := clientv3.New(clientv3.Config{Endpoints: strings.Split(*endpoints, ","), DialTimeout: 5 * time.Second})
		if err != nil {
			fmt.Fprintln(os.Stderr, "etcd-load: connect:", err)
			os.Exit(1)
		}
		defer c.Close()
		pool[i] = c
	}
	value := strings.Repeat("v", *valueSize)
	keyFormat := fmt.Sprintf("k%%0%dd", *keySize-1)

	// Warm up: every key the readers may ask for exists, and the connections are open.
	if *readRatio > 0 {
		for i := 0; i < *keySpace && i < 1000; i++ {
			if _, err := pool[i%*conns].Put(context.Background(), fmt.Sprintf(keyFormat, i), value); err != nil {
				fmt.Fprintln(os.Stderr, "etcd-load: warm-up put:", err)
				os.Exit(1)
			}
		}
	}

	latencies := make([][]time.Duration, *clients)
	errorCounts := make([]int, *clients)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(*duration)
	for w := 0; w < *clients; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			random := rand.New(rand.NewSource(int64(w) + 1))
			client := pool[w%*conns]
			samples := make([]time.Duration, 0, 1<<16)
			for time.Now().Before(deadline) {
				key := fmt.Sprintf(keyFormat, random.Intn(*keySpace))
				began := time.Now()
				var err error
				if random.Float64() < *readRatio {
					_, err = client.Get(context.Background(), key)
				} else {
					_, err = client.Put(context.Background(), key, value)
				}
				if err != nil {
					errorCounts[w]++
					continue
				}
				samples = append(samples, time.Since(began))
			}
			latencies[w] = samples
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()

	var all []time.Duration
	errors := 0
	for w := range latencies {
		all = append(all, latencies[w]...)
		errors += errorCounts[w]
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	quantile := func(q float64) float64 {
		if len(all) == 0 {
			return 0
		}
		index := int(q * float64(len(all)-1))
		return float64(all[index].Nanoseconds()) / 1000
	}
	out := result{
		Target: *target, Client: "go-clientv3-grpc", Clients: *clients, Conns: *conns,
		KeySize: *keySize, ValueSize: *valueSize, ReadRatio: *readRatio, Seconds: elapsed,
		Ops: len(all), Errors: errors, OpsPerSec: float64(len(all)) / elapsed,
		P50Micros: quantile(0.50), P99Micros: quantile(0.99), P999Micros: quantile(0.999), MaxMicros: quantile(1),
	}
	line, _ := json.Marshal(out)
	fmt.Println(string(line))
	if len(all) == 0 {
		os.Exit(1)
	}
}
