const express = require('express');
const fs = require('fs');
const crypto = require('crypto');
const { Sequelize } = require('sequelize');

const app = express();
const sequelize = new Sequelize('sqlite::memory:');

app.get('/login', async (req, res) => {
  const rows = await sequelize.query(`SELECT * FROM Users WHERE email = '${req.query.email}'`);
  const hash = crypto.createHash('md5').update(req.query.password).digest('hex');
  res.json({ rows, hash });
});

app.get('/file', (req, res) => {
  fs.readFile(`./uploads/${req.params.name}`, (err, data) => res.send(data));
  fs.readFile('./uploads/index.txt', () => {}); // constant: fine
});

app.get('/hello', (req, res) => res.send('<h1>Hello ' + req.query.name + '</h1>'));
app.get('/go', (req, res) => res.redirect(req.query.next));
app.get('/ok', (req, res) => res.send('ok')); // fine

app.listen(3000);
