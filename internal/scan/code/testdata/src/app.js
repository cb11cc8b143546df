const { exec } = require('child_process');
const https = require('https');

function render(el, user) {
  el.innerHTML = '<b>' + user.name + '</b>';
  el.textContent = user.name; // fine
  document.write(location.hash);
}

function ping(host) {
  exec(`ping -c 1 ${host}`);
  exec('uptime'); // constant: fine
}

function newSessionToken() {
  return Math.random().toString(36).slice(2);
}

setTimeout('refresh()', 1000);
const f = new Function('x', userCode);
https.get({ host: 'example.com', rejectUnauthorized: false });
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
eval(userCode);
