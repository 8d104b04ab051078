// Holds a database open in a separate process until its stdin closes (restore must refuse meanwhile).
// Plain JavaScript, so the process starts in a fraction of a second.
import Sqlite from 'better-sqlite3-multiple-ciphers';

const [file, keyHex] = process.argv.slice(2);
const db = new Sqlite(file);
if (keyHex) db.pragma(`key = "x'${keyHex}'"`);
db.pragma('journal_mode = WAL');
db.prepare('SELECT count(*) FROM sqlite_schema').get();
process.stdout.write('open\n');
process.stdin.resume();
process.stdin.on('end', () => {
  db.close();
  process.exit(0);
});
