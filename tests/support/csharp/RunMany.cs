// Runs many samplegen C# HttpClient samples in one mono process, one after the other: each sample
// was compiled, into the same assembly as this file, as the `static async Task Run()` of a class
// `Sample` in a namespace of its own (`S0`, `S1`...), so that mcs and mono start once for all.
//
// Usage: mono batch.exe NAMESPACE RESULT [NAMESPACE RESULT]...
// For each sample, RESULT gets `ok`, or `failed` and on the next lines what it threw. What a
// sample prints to the console is dropped.

using System;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;

static class RunMany
{
    static int Main(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 != 0) {
            Console.Error.WriteLine("usage: mono batch.exe NAMESPACE RESULT [NAMESPACE RESULT]...");
            return 64;
        }
        Console.SetOut(TextWriter.Null);
        for (int i = 0; i < args.Length; i += 2) {
            string result;
            try {
                var sample = Type.GetType(args[i] + ".Sample", true);
                var run = sample.GetMethod("Run", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
                ((Task) run.Invoke(null, null)).Wait();
                result = "ok\n";
            } catch (Exception e) {
                var thrown = e is TargetInvocationException || e is AggregateException ? e.InnerException ?? e : e;
                result = "failed\n" + thrown + "\n";
            }
            File.WriteAllText(args[i + 1], result);
        }
        return 0;
    }
}
