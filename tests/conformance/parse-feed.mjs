// Reads a feed on stdin with the npm package feedparser and prints what a feed reader sees, as JSON:
// { meta: {title, link, type}, items: [{title, link, guid, pubdate, date, authors, author, categories, description, summary}] }
import FeedParser from "feedparser";

const parser = new FeedParser({ normalize: true, addmeta: false });
const items = [];
let meta = null;
parser.on("error", (error) => { console.error("feedparser: " + error.message); process.exit(2); });
parser.on("meta", (m) => { meta = { title: m.title, link: m.link, type: m["#type"], version: m["#version"] }; });
parser.on("readable", function () {
  let item;
  while ((item = this.read())) {
    items.push({
      title: item.title, link: item.link, guid: item.guid,
      pubdate: item.pubdate && item.pubdate.toISOString(), date: item.date && item.date.toISOString(),
      // feedparser normalizes one author per item; an Atom entry's several <author>s are in its raw "atom:author".
      authors: [].concat(item["atom:author"] || []).map((a) => a.name && a.name["#"]).filter(Boolean),
      author: item.author, categories: item.categories, description: item.description, summary: item.summary,
    });
  }
});
parser.on("end", () => process.stdout.write(JSON.stringify({ meta, items })));
process.stdin.pipe(parser);
