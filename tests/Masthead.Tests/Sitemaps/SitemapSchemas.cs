using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Sitemaps;

/// <summary>
/// The sitemaps.org schema for &lt;urlset&gt; (sitemap.xsd, as shipped in the npm package "sitemap", installed by
/// test.sh). No package reachable here ships its sibling siteindex.xsd or Google's news schema, so those two are
/// declared below from the protocol pages, reusing the official tLoc and tLastmod types for every address and date.
/// </summary>
public static class SitemapSchemas
{
    private const string SiteIndex = """
        <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9"
                    xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
          <xsd:element name="sitemapindex">
            <xsd:complexType><xsd:sequence>
              <xsd:element name="sitemap" maxOccurs="unbounded"><xsd:complexType><xsd:sequence>
                <xsd:element name="loc" type="tLoc"/>
                <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
              </xsd:sequence></xsd:complexType></xsd:element>
            </xsd:sequence></xsd:complexType>
          </xsd:element>
        </xsd:schema>
        """;

    private const string News = """
        <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.google.com/schemas/sitemap-news/0.9"
                    xmlns="http://www.google.com/schemas/sitemap-news/0.9" elementFormDefault="qualified">
          <xsd:element name="news"><xsd:complexType><xsd:sequence>
            <xsd:element name="publication"><xsd:complexType><xsd:sequence>
              <xsd:element name="name" type="xsd:string"/>
              <xsd:element name="language"><xsd:simpleType><xsd:restriction base="xsd:string"><xsd:pattern value="[a-z]{2,3}(-[A-Za-z]+)?"/></xsd:restriction></xsd:simpleType></xsd:element>
            </xsd:sequence></xsd:complexType></xsd:element>
            <xsd:element name="publication_date" type="xsd:dateTime"/>
            <xsd:element name="title" type="xsd:string"/>
          </xsd:sequence></xsd:complexType></xsd:element>
        </xsd:schema>
        """;

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var official = Conformance.Folder("node_modules", "sitemap", "schema", "sitemap.xsd");
        if (!File.Exists(official)) throw new FileNotFoundException("sitemap.xsd is missing: ./test.sh installs tests/conformance (npm ci).", official);
        var set = new XmlSchemaSet();
        set.Add(null, official);
        set.Add(XmlSchema.Read(new StringReader(SiteIndex), null)!);
        set.Add(XmlSchema.Read(new StringReader(News), null)!);
        set.Compile();
        return set;
    });

    /// <summary>Validates and returns the document; every schema error fails the test with its line.</summary>
    public static XDocument Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return document;
    }
}
