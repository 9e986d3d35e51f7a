# Writes a WordPress export (WXR 1.2) of N posts to FILE, bodies cut from the reference page's paragraphs: each post has
# 12 paragraphs, 2 of 8 categories (one a child), 2 of 12 tags, one of 200 authors and 2 comments, one a reply.
# usage: awk -v n=100000 -v file=out/big.xml -f generate-wxr.awk article-page.txt
NR >= 14 && /^\*$/ { done = 1 }
NR >= 14 && !done && NF > 0 { gsub(/\]\]>/, "]] >"); paragraphs[count++] = $0 }
END {
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > file
  print "<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">" > file
  print "<channel><title>Generated</title><wp:wxr_version>1.2</wp:wxr_version>" > file
  for (a = 0; a < 200; a++)
    printf "<wp:author><wp:author_login>author%d</wp:author_login><wp:author_display_name><![CDATA[Author %d]]></wp:author_display_name></wp:author>\n", a, a > file
  split("middle-east|europe|asia|africa", regions, "|")
  for (r = 1; r <= 4; r++) {
    printf "<wp:category><wp:category_nicename>%s</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[%s]]></wp:cat_name></wp:category>\n", regions[r], regions[r] > file
    printf "<wp:category><wp:category_nicename>%s-local</wp:category_nicename><wp:category_parent>%s</wp:category_parent><wp:cat_name><![CDATA[%s local]]></wp:cat_name></wp:category>\n", regions[r], regions[r], regions[r] > file
  }
  for (i = 1; i <= n; i++) {
    r = (i % 4) + 1
    printf "<item><title>Generated post %d</title><dc:creator><![CDATA[author%d]]></dc:creator>\n<content:encoded><![CDATA[", i, i % 200 > file
    for (p = 0; p < 12; p++) printf "%s\n\n", paragraphs[(i + p) % count] > file
    printf "]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>\n" > file
    printf "<wp:post_id>%d</wp:post_id><wp:post_date>%04d-%02d-%02d 10:00:00</wp:post_date><wp:post_date_gmt>%04d-%02d-%02d 10:00:00</wp:post_date_gmt>\n", i, 2010 + i % 15, (i % 12) + 1, (i % 28) + 1, 2010 + i % 15, (i % 12) + 1, (i % 28) + 1 > file
    printf "<wp:post_name>generated-post-%d</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>\n", i > file
    printf "<category domain=\"category\" nicename=\"%s\"><![CDATA[%s]]></category><category domain=\"category\" nicename=\"%s-local\"><![CDATA[%s local]]></category>\n", regions[r], regions[r], regions[r], regions[r] > file
    printf "<category domain=\"post_tag\" nicename=\"tag-%d\"><![CDATA[Tag %d]]></category><category domain=\"post_tag\" nicename=\"tag-%d\"><![CDATA[Tag %d]]></category>\n", i % 12, i % 12, (i * 5) % 12 + 12, (i * 5) % 12 + 12 > file
    printf "<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[Reader]]></wp:comment_author><wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[A comment on post %d.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>\n", 2 * i, i > file
    printf "<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[Writer]]></wp:comment_author><wp:comment_date_gmt>2020-01-03 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[A reply.]]></wp:comment_content><wp:comment_approved>0</wp:comment_approved><wp:comment_parent>%d</wp:comment_parent></wp:comment>\n</item>\n", 2 * i + 1, 2 * i > file
  }
  print "</channel></rss>" > file
}
