import fs from 'node:fs';
import { makePost, type PostJob } from './fill';

// A child process that does one post's work for the bench (scripts/bench/fill.ts, makePost): reads the job
// from the file named first, writes what it did to the file named second.

const [jobFile, doneFile] = process.argv.slice(2);
if (!jobFile || !doneFile) throw new Error('Usage: post-worker.ts JOB.json DONE.json');
const job = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as PostJob;
fs.writeFileSync(doneFile, JSON.stringify(await makePost(job)));
