<?php
// Stands in for Composer's vendor/autoload.php, which the Guzzle samples require: Debian's
// php-guzzlehttp-guzzle installs Guzzle below /usr/share/php with autoloaders of its own, whose
// requires are relative to that folder. With Guzzle installed by Composer, point `verify
// --support` at a folder whose php/vendor is Composer's instead.
set_include_path(get_include_path() . PATH_SEPARATOR . '/usr/share/php');
require_once 'GuzzleHttp/autoload.php';
