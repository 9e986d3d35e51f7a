using System.Diagnostics;
using Masthead.Media;
using NetVips;

// usage: Masthead.ImageBench WIDTH HEIGHT FOLDER [--source-only] — makes a camera-like JPEG of that size (gradients and grain), then
// times ImageVariants.Make on it and prints the process's peak RSS (VmHWM) before and after.
var (width, height, folder) = (int.Parse(args[0]), int.Parse(args[1]), args[2]);
Directory.CreateDirectory(folder);
byte[] jpeg;
using (var xy = Image.Xyz(width, height))
using (var red = (xy[0] * 255.0 / width).Cast(Enums.BandFormat.Uchar))
using (var green = (xy[1] * 255.0 / height).Cast(Enums.BandFormat.Uchar))
using (var grain = Image.Gaussnoise(width, height, sigma: 12, mean: 128).Cast(Enums.BandFormat.Uchar))
using (var photo = red.Bandjoin(green, grain).Copy(interpretation: Enums.Interpretation.Srgb))
    jpeg = photo.JpegsaveBuffer(q: 92);

// bench/lighthouse.sh wants the picture only.
if (args.Length > 3 && args[3] == "--source-only")
{
    File.WriteAllBytes(Path.Combine(folder, "photo.jpg"), jpeg);
    return;
}

static long PeakKb() => long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:"))[6..].Trim().Split(' ')[0]);
Console.WriteLine($"input {width} x {height} JPEG, {jpeg.Length / 1048576.0:0.0} MB; peak RSS before {PeakKb() / 1024} MiB");
foreach (var run in new[] { "first", "second" })
{
    var clock = Stopwatch.StartNew();
    var (made, problem) = ImageVariants.Make(jpeg, ".jpg", run, name => Path.Combine(folder, name));
    if (made is null) throw new InvalidOperationException(problem);
    Console.WriteLine($"{run} run: {clock.ElapsedMilliseconds} ms for the full-size copy and {made.Widths.Count} widths in JPEG and WebP; peak RSS {PeakKb() / 1024} MiB");
}
