# Writes N Markdown articles with front matter into DIR, with bodies cut from the reference page's paragraphs.
# usage: awk -v n=10000 -v dir=out/md -f generate.awk article-page.txt
NR >= 14 && /^\*$/ { done = 1 }
NR >= 14 && !done && NF > 0 { paragraphs[count++] = $0 }
END {
  split("Region Theme", unused)
  split("Middle East & North Africa|Europe|Asia|Latin America|Africa|North America|Oceania|Russia and FSU", regions, "|")
  split("Law and Justice|Media Disinformation|US NATO War Agenda|Militarization and WMD|Economy|Environment|Poverty & Social Inequality|Science and Medicine|History|Intelligence|Global Economy|Police State", themes, "|")
  for (i = 1; i <= n; i++) {
    file = sprintf("%s/bench-%06d.md", dir, i)
    day = (i % 28) + 1; month = (int(i / 28) % 12) + 1; year = 2010 + int(i / 336) % 15
    printf "---\ntitle: \"Generated article %d on %s\"\n", i, regions[(i % 8) + 1] > file
    printf "date: %04d-%02d-%02dT%02d:%02d:00Z\n", year, month, day, i % 24, i % 60 > file
    printf "authors: [\"Author %d\"]\n", i % 200 > file
    printf "dateline: Global Research\n" > file
    printf "region: [\"%s\"]\n", regions[(i % 8) + 1] > file
    printf "theme: [\"%s\", \"%s\"]\n", themes[(i % 12) + 1], themes[((i * 7) % 12) + 1] > file
    printf "---\n\n" > file
    for (p = 0; p < 12; p++) printf "%s\n\n", paragraphs[(i + p) % count] > file
    close(file)
  }
}
