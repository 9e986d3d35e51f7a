using System.Globalization;
using System.Text;
using System.Xml;

namespace Masthead.Feeds;

/// <summary>RSS 2.0 (with content:encoded and dc:creator) and Atom 1.0, written with XmlWriter so that every text is escaped.</summary>
public static class FeedWriter
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true, Async = true };

    public static byte[] Rss(Feed feed) => Write(xml =>
    {
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "atom", null, AtomNs);
        xml.WriteAttributeString("xmlns", "content", null, ContentNs);
        xml.WriteAttributeString("xmlns", "dc", null, DcNs);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", X(feed.Title));
        xml.WriteElementString("link", feed.PageUrl);
        xml.WriteElementString("description", X(feed.Description));
        xml.WriteElementString("language", "en");
        xml.WriteElementString("generator", "Masthead");
        xml.WriteElementString("lastBuildDate", Rfc822(feed.Updated));
        xml.WriteStartElement("atom", "link", AtomNs);
        xml.WriteAttributeString("href", feed.RssUrl);
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", "application/rss+xml");
        xml.WriteEndElement();
        foreach (var item in feed.Items)
        {
            xml.WriteStartElement("item");
            xml.WriteElementString("title", X(item.Title));
            xml.WriteElementString("link", item.Url);
            xml.WriteStartElement("guid");
            xml.WriteAttributeString("isPermaLink", "false");
            xml.WriteString(item.Uuid.ToString());
            xml.WriteEndElement();
            xml.WriteElementString("pubDate", Rfc822(item.Published));
            // One dc:creator naming everyone: readers show a single creator, and would drop the others.
            if (item.Authors.Count > 0) xml.WriteElementString("creator", DcNs, X(string.Join(", ", item.Authors.Select(a => a.Name))));
            foreach (var category in item.Categories) xml.WriteElementString("category", X(category.Name));
            xml.WriteElementString("description", X(item.Summary));
            if (item.ContentHtml is { } html)
            {
                xml.WriteStartElement("content", "encoded", ContentNs);
                xml.WriteCData(X(html).Replace("]]>", "]]]]><![CDATA[>"));
                xml.WriteEndElement();
            }
            if (item.Image is { } image)
            {
                xml.WriteStartElement("enclosure");
                xml.WriteAttributeString("url", image);
                xml.WriteAttributeString("length", "0");
                xml.WriteAttributeString("type", ImageType(image));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    });

    public static byte[] Atom(Feed feed, string siteName) => Write(xml =>
    {
        xml.WriteStartElement("feed", AtomNs);
        xml.WriteElementString("title", AtomNs, X(feed.Title));
        xml.WriteElementString("subtitle", AtomNs, X(feed.Description));
        xml.WriteElementString("id", AtomNs, feed.PageUrl);
        Link(xml, "alternate", "text/html", feed.PageUrl);
        Link(xml, "self", "application/atom+xml", feed.AtomUrl);
        xml.WriteElementString("updated", AtomNs, Rfc3339(feed.Updated));
        Author(xml, siteName, null);
        xml.WriteElementString("generator", AtomNs, "Masthead");
        foreach (var item in feed.Items)
        {
            xml.WriteStartElement("entry", AtomNs);
            xml.WriteElementString("title", AtomNs, X(item.Title));
            xml.WriteElementString("id", AtomNs, "urn:uuid:" + item.Uuid);
            Link(xml, "alternate", "text/html", item.Url);
            xml.WriteElementString("published", AtomNs, Rfc3339(item.Published));
            xml.WriteElementString("updated", AtomNs, Rfc3339(item.Updated));
            foreach (var author in item.Authors) Author(xml, author.Name, author.Url);
            foreach (var category in item.Categories)
            {
                xml.WriteStartElement("category", AtomNs);
                xml.WriteAttributeString("term", X(category.Name));
                xml.WriteAttributeString("scheme", category.VocabularyUrl);
                xml.WriteAttributeString("label", X(category.Name));
                xml.WriteEndElement();
            }
            xml.WriteStartElement("summary", AtomNs);
            xml.WriteAttributeString("type", "text");
            xml.WriteString(X(item.Summary));
            xml.WriteEndElement();
            if (item.ContentHtml is { } html)
            {
                xml.WriteStartElement("content", AtomNs);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(X(html));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    private static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static void Author(XmlWriter xml, string name, string? uri)
    {
        xml.WriteStartElement("author", AtomNs);
        xml.WriteElementString("name", AtomNs, X(name));
        if (uri is not null) xml.WriteElementString("uri", AtomNs, uri);
        xml.WriteEndElement();
    }

    /// <summary>RSS dates: "Thu, 16 Jan 2020 00:00:00 GMT".</summary>
    public static string Rfc822(DateTime utc) => utc.ToString("r", CultureInfo.InvariantCulture);

    public static string Rfc3339(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string ImageType(string url) => Path.GetExtension(new Uri(url).AbsolutePath).ToLowerInvariant() switch
    {
        ".png" => "image/png", ".gif" => "image/gif", ".webp" => "image/webp", ".svg" => "image/svg+xml", _ => "image/jpeg",
    };

    /// <summary>Text as XML can carry it: a stray control character in a headline must not take the feed down.</summary>
    private static string X(string? text) => text is null ? "" : Publishing.Body.PlainText.Storable(text);
}
