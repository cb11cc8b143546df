# syntax=docker/dockerfile:1.7
ARG GO_VERSION=1.22
ARG ALPINE_VERSION=latest

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
RUN apt-get update && apt-get install -y git \
    && rm -rf /var/lib/apt/lists/*
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM alpine:${ALPINE_VERSION} AS runtime
RUN apk update
RUN apk add ca-certificates tzdata
ENV API_TOKEN=tok_live_9f8e7d6c5b4a39281706
COPY --from=build /out/app /usr/local/bin/app
RUN <<EOF
addgroup -S app
adduser -S -G app app
chmod -R 777 /var/log
EOF
EXPOSE 8080 22
ENTRYPOINT /usr/local/bin/app --listen :8080
