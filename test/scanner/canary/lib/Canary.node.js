'use strict';
// Breaks the rules on purpose (timers and process are refused in community nodes).
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
module.exports = { delay, home: process.env.HOME };
