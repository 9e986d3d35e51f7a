namespace Masthead.Publishing.Delivery;

/// <summary>
/// HEAD is GET without the body (RFC 9110 §9.3.2): link checkers, CDNs and uptime monitors send it. The request goes
/// through as a GET — same routes, same status, same headers, the output cache too — and the body is counted, not sent.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        context.Request.Method = HttpMethods.Get;
        var response = context.Response;
        var body = response.Body;
        await using var counted = new CountingSink();
        response.Body = counted;
        try { await next(context); }
        finally { response.Body = body; }
        if (!response.HasStarted && response.ContentLength is null && counted.Length > 0) response.ContentLength = counted.Length;
    });

    private sealed class CountingSink : Stream
    {
        private long length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            length += count;
            return Task.CompletedTask;
        }

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
