# Runs many samplegen R samples in one R process, one after the other, each as `Rscript SAMPLE.R`
# would run it (sourced in an environment of its own), so that R and the client package start
# once for all of them.
#
#   Rscript run_many.R SAMPLE RESULT [SAMPLE RESULT]...
#
# For each sample, RESULT gets `ok`, or `failed` and on the next lines the error it raised. What
# a sample prints to stdout is dropped.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) %% 2 != 0) {
  cat("usage: Rscript run_many.R SAMPLE RESULT [SAMPLE RESULT]...\n", file = stderr())
  quit(status = 2)
}
for (i in seq(1, length(args), by = 2)) {
  outcome <- tryCatch({
    utils::capture.output(sys.source(args[i], envir = new.env(parent = globalenv())))
    "ok"
  }, error = function(e) paste0("failed\n", conditionMessage(e)))
  writeLines(outcome, args[i + 1])
}
