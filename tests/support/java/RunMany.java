// Runs many samplegen Java samples in one JVM, one after the other: each sample was compiled as
// the class `Main` of its own package (`s0.Main`, `s1.Main`...), and its `main` is called as
// `java Main` would call it, so that the JVM and the client library start once for all of them.
//
//   java -cp CLASSES:LIBRARIES RunMany CLASS RESULT [CLASS RESULT]...
//
// For each sample, RESULT gets `ok`, or `failed` and on the next line what it threw. What a sample
// prints to stdout is dropped. The JVM exits when the last sample has run, whatever threads a
// client library left behind.

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;

public class RunMany {
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args.length % 2 != 0) {
      System.err.println("usage: java RunMany CLASS RESULT [CLASS RESULT]...");
      System.exit(2);
    }
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    for (int i = 0; i < args.length; i += 2) {
      String result;
      try {
        Class.forName(args[i]).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        result = "ok\n";
      } catch (InvocationTargetException thrown) {
        result = "failed\n" + thrown.getCause() + "\n";
      } catch (Throwable thrown) {
        result = "failed\n" + thrown + "\n";
      }
      Files.writeString(Path.of(args[i + 1]), result);
    }
    System.exit(0);
  }
}
