// A small net/http handler for the editor tests: completion by phrase after `http.Status`.
package main

import "net/http"

func health(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}
