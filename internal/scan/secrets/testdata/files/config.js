// Front-end configuration (fake keys in real formats).
export const config = {
  mapsApiKey: "AIzavxvONyNCvcIB5ovK1874OU3xfuPTb-0AwZq",
  sentryDsn: process.env.SENTRY_DSN, // safe: a reference, not reported
  twilioAuthToken: "28a79023c39c200661fccd268a29a0d3",
};
