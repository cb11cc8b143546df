module example.com/secaudit-demo

go 1.20

require (
	github.com/google/uuid v1.6.0
	golang.org/x/crypto v0.14.0
)
