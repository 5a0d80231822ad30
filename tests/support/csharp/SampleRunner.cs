// Runs a samplegen C# sample -- C# 9 top-level statements -- with mono's C# evaluator
// (Mono.CSharp.Evaluator, the engine of mono's `csharp` shell), against the RestSharp test double.
//
// Why not wrap the statements in a method and compile with mcs? mcs knows C# up to 7.2, and the
// samples for methods RestSharp's Method enum lacks contain
//     var request = new RestRequest(...);
//     request.OnBeforeRequest = (request) => { request.Method = new HttpMethod("PURGE"); ... };
// where the lambda parameter shadows the local `request`: legal since C# 8, error CS0136 for mcs
// inside a method. In the evaluator, top-level variables are fields of a generated class, so the
// lambda parameter may shadow them and the sample runs verbatim; top-level `await` works too.
//
// The sample is cut into top-level statements (at each ';' outside brackets, strings, character
// literals and comments), and each statement is compiled and run in turn.
//
// Usage: mono SampleRunner.exe SAMPLE.cs
//        mono SampleRunner.exe --many SAMPLE.cs RESULT [SAMPLE.cs RESULT]...   (each RESULT gets
//        `ok`, or `failed` and why: mono and the evaluator start once for every sample)
// Exit: 0 ran; 2 a statement does not compile (errors on stderr); 1 the sample threw.

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Mono.CSharp;

static class SampleRunner
{
    static int Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == "--many" && args.Length % 2 == 1) {
            // every sample in this one process: mono and the evaluator start once for all
            Console.SetOut(TextWriter.Null);
            for (int i = 1; i < args.Length; i += 2) {
                var errors = new StringWriter();
                int status = RunSample(args[i], errors);
                File.WriteAllText(args[i + 1], status == 0 ? "ok\n" : "failed\n" + errors);
            }
            return 0;
        }
        if (args.Length != 1 || !File.Exists(args[0])) {
            Console.Error.WriteLine("usage: mono SampleRunner.exe SAMPLE.cs (an existing file)\n" +
                                    "       mono SampleRunner.exe --many SAMPLE.cs RESULT [SAMPLE.cs RESULT]...");
            return 64;
        }
        return RunSample(args[0], Console.Error);
    }

    /// <summary>Runs one sample in a fresh evaluator; its compiler errors and what it threw go to
    /// <paramref name="errors"/>. 0 ran; 2 a statement does not compile; 1 the sample threw.</summary>
    static int RunSample(string path, TextWriter errors)
    {
        var printer = new StreamReportPrinter(errors);
        var settings = new CompilerSettings { Version = LanguageVersion.Latest };
        var evaluator = new Evaluator(new CompilerContext(settings, printer)) { WaitOnTask = true };
        evaluator.ReferenceAssembly(typeof(System.Net.Http.HttpClient).Assembly);
        evaluator.ReferenceAssembly(typeof(RestSharp.RestClient).Assembly);
        evaluator.Run("using System; using System.IO; using System.Net.Http; " +
                      "using System.Threading.Tasks; using RestSharp; using RestSharp.Authenticators;");
        foreach (var statement in Statements(File.ReadAllText(path))) {
            try {
                object result;
                bool resultSet;
                var rest = evaluator.Evaluate(statement.Text, out result, out resultSet);
                if (printer.ErrorsCount > 0 || rest != null) {
                    errors.WriteLine("{0}:{1}: this statement does not compile:\n{2}",
                                     path, statement.Line, statement.Text);
                    return 2;
                }
            } catch (Exception e) {
                errors.WriteLine("{0}:{1}: the sample threw: {2}", path, statement.Line, e);
                return 1;
            }
        }
        return 0;
    }

    struct Statement
    {
        public string Text;
        public int Line;
    }

    /// <summary>The top-level statements of a C# text, each with the line it starts on.</summary>
    static IEnumerable<Statement> Statements(string src)
    {
        var current = new StringBuilder();
        int depth = 0, line = 1, start = 1;
        for (int i = 0; i < src.Length; i++) {
            char c = src[i];
            if (current.ToString().Trim().Length == 0) start = line;
            int end = i;                                 // index of the last character of the token
            if (c == '/' && i + 1 < src.Length && src[i + 1] == '/') {
                end = src.IndexOf('\n', i);
                if (end < 0) end = src.Length - 1; else end--;
            } else if (c == '/' && i + 1 < src.Length && src[i + 1] == '*') {
                end = src.IndexOf("*/", i + 2, StringComparison.Ordinal) + 1;
                if (end < 1) end = src.Length - 1;
            } else if (c == '@' && i + 1 < src.Length && src[i + 1] == '"') {   // verbatim string
                end = i + 2;
                while (end < src.Length && (src[end] != '"' || (end + 1 < src.Length && src[end + 1] == '"'))) {
                    end += src[end] == '"' ? 2 : 1;
                }
            } else if (c == '"' || c == '\'') {          // regular string or character literal
                end = i + 1;
                while (end < src.Length && src[end] != c && src[end] != '\n') end += src[end] == '\\' ? 2 : 1;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            end = Math.Min(end, src.Length - 1);
            for (int k = i; k <= end; k++) if (src[k] == '\n') line++;
            current.Append(src, i, end - i + 1);
            i = end;
            if (c == ';' && depth == 0) {
                yield return new Statement { Text = current.ToString(), Line = start };
                current.Clear();
            }
        }
        if (current.ToString().Trim().Length > 0) {
            yield return new Statement { Text = current.ToString(), Line = start };
        }
    }
}
