module example.com/app

go 1.22

toolchain go1.22.3

require (
	github.com/gin-gonic/gin v1.6.3
	golang.org/x/crypto v0.14.0 // indirect
	github.com/local/thing v1.0.0
	github.com/old/name v1.2.0
	github.com/pinned/only v0.3.0
)

require gopkg.in/yaml.v2 v2.2.2 // indirect

replace github.com/local/thing => ../thing

replace github.com/old/name => github.com/new/name v1.3.0

replace github.com/pinned/only v0.2.0 => github.com/other/only v9.9.9
