// Drives a live Masthead through Ghost's own client, @tryghost/content-api, and prints what a front end receives as
// JSON. stdin: { "url": "http://127.0.0.1:PORT", "key": "…26 hex…", "filter": "…", "slug": "…" }.
// Output: { posts, postsMeta, post, authors, authorsMeta, tags, tagsMeta, settings }.
import GhostContentAPI from "@tryghost/content-api";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { url, key, filter, slug } = JSON.parse(input);
const api = new GhostContentAPI({ url, key, version: "v6.0" });

try {
  const posts = await api.posts.browse({ limit: "all", include: "tags,authors", filter });
  const post = await api.posts.read({ slug }, { include: "tags,authors", formats: "html,plaintext" });
  const authors = await api.authors.browse({ limit: "all", include: "count.posts" });
  const tags = await api.tags.browse({ limit: "all", include: "count.posts" });
  const settings = await api.settings.browse();
  process.stdout.write(JSON.stringify({
    posts: [...posts], postsMeta: posts.meta, post,
    authors: [...authors], authorsMeta: authors.meta, tags: [...tags], tagsMeta: tags.meta, settings,
  }));
} catch (error) {
  console.error("@tryghost/content-api: " + (error.response ? JSON.stringify(error.response.data) : error.stack));
  process.exit(2);
}
