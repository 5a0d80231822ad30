# Runs many samplegen Ruby samples in one interpreter, one after the other, each as
# `ruby SAMPLE.rb` would run it (loaded into its own anonymous module, so one sample's constants
# and methods never meet another's), so that Ruby and Net::HTTP start once for all of them.
#
#   ruby run_many.rb SAMPLE RESULT [SAMPLE RESULT]...
#
# For each sample, RESULT gets `ok`, or `failed` and on the next lines what it raised or printed
# to stderr. What a sample prints to stdout is dropped.
require "stringio"

if ARGV.empty? || ARGV.length.odd?
  warn "usage: ruby run_many.rb SAMPLE RESULT [SAMPLE RESULT]..."
  exit 2
end

ARGV.each_slice(2) do |sample, result|
  errors = StringIO.new
  ok =
    begin
      $stdout = StringIO.new
      $stderr = errors
      load(sample, true)
      true
    rescue SystemExit => exit
      exit.success?
    rescue Exception => error # the sample's failure, whatever it is, is its result
      errors.puts("#{error.class}: #{error.message}")
      errors.puts(error.backtrace.first(3))
      false
    ensure
      $stdout = STDOUT
      $stderr = STDERR
    end
  File.write(result, ok ? "ok\n" : "failed\n#{errors.string}")
end
