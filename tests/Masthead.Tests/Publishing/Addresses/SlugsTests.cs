using Masthead.Publishing.Addresses;

namespace Masthead.Tests.Publishing.Addresses;

public class SlugsTests
{
    [Theory]
    [InlineData("Middle East & North Africa", "middle-east-north-africa")]
    [InlineData("IRAN: THE NEXT WAR?", "iran-the-next-war")]
    [InlineData("US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General", "us-war-of-terror-continues-assassinating-irans-top-anti-isis-general")]
    [InlineData("Søren Ødegård", "soren-odegard")]
    [InlineData("Ana Müller", "ana-muller")]
    [InlineData("Straße", "strasse")]
    [InlineData("Владимир Путин", "владимир-путин")]
    [InlineData("  --  ", "")]
    public void Makes_readable_slugs(string text, string slug) => Assert.Equal(slug, Slugs.From(text));
}
