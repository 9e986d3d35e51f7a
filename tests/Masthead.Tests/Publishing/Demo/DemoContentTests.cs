using Masthead.Publishing.Demo;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Publishing.Demo;

public class DemoContentTests
{
    [Fact]
    public void The_shipped_demo_is_the_reference_page() =>
        Assert.Equal(File.ReadAllText(TestFolders.ReferencePage).ReplaceLineEndings("\n"), DemoContent.ReferencePage().ReplaceLineEndings("\n"));
}
