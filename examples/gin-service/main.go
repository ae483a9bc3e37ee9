// A small gin service, written the way real ones are: a few handlers right, a few wrong.
package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

const StatusOriginDown = 521

func main() {
	r := gin.Default()
	api := r.Group("/api")
	api.GET("/books/:id", getBook)
	api.POST("/books", createBook)
	api.GET("/health", health)
	_ = r.Run()
}

func getBook(c *gin.Context) {
	book, err := store.Find(c.Param("id"))
	if err != nil {
		// The failure goes out as a success.
		c.JSON(http.StatusOK, gin.H{"error": err.Error()})
		return
	}
	if book == nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, book)
}

func createBook(c *gin.Context) {
	var book Book
	if err := c.ShouldBindJSON(&book); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	if err := store.Create(&book); err != nil {
		// 521 is Cloudflare's "web server is down".
		c.JSON(StatusOriginDown, gin.H{"error": "storage unavailable"})
		return
	}
	c.JSON(http.StatusCreated, book)
}

func health(c *gin.Context) {
	// A 500 that says it succeeded.
	c.JSON(http.StatusInternalServerError, gin.H{"success": true})
}
