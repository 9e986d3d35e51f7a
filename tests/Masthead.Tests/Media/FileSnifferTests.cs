using Masthead.Media;

namespace Masthead.Tests.Media;

public sealed class FileSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1, 0, 1, 0 }, "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "image/webp")]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1' }, "application/pdf")]
    public void Recognises_each_accepted_kind_by_its_first_bytes(byte[] head, string type) =>
        Assert.Equal(type, FileSniffer.Sniff(head)!.ContentType);

    [Theory]
    [InlineData("<html>")]
    [InlineData("RIFF0000WAVE")]
    [InlineData("")]
    public void Refuses_anything_else(string text) => Assert.Null(FileSniffer.Sniff(System.Text.Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Reads_gif_and_jpeg_dimensions_from_their_headers()
    {
        byte[] gif = [.. "GIF89a"u8, 0x20, 0x03, 0x58, 0x02];
        Assert.Equal((800, 600), FileSniffer.ImageSize(gif, "image/gif"));
        // SOI, an APP0 segment to skip, then SOF0 with height 480 and width 640.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0, 0, 0, 0];
        Assert.Equal((640, 480), FileSniffer.ImageSize(jpeg, "image/jpeg"));
    }
}
