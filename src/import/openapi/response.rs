//! The example response: the lowest successful one, with its example.

use serde_json::Value;

use super::Importer;
use super::document::{escape, scalar_text};
use super::media::{is_json, json_text};
use super::schema::Direction;
use crate::http::media::response_fence;
use crate::http::media_type;
use crate::spec::ResponseSpec;

impl<'a> Importer<'a> {
    /// The example response: the lowest 2xx response, with its JSON (or other) example.
    pub(super) fn response(&mut self, op: &'a Value, op_at: &str) -> Option<ResponseSpec> {
        let responses = op.get("responses")?.as_object()?;
        let mut best: Option<(u16, String, &'a Value, String)> = None;
        for (code, response) in responses {
            let code = code.as_str();
            let (rank, status) = if code.len() == 3
                && code.starts_with('2')
                && code.bytes().all(|b| b.is_ascii_digit())
            {
                (code.parse::<u16>().unwrap_or(299), code.to_string())
            } else if code.eq_ignore_ascii_case("2XX") {
                (300, "200".to_string())
            } else {
                continue;
            };
            if best.as_ref().is_none_or(|(r, ..)| rank < *r) {
                let at = format!("{op_at}/responses/{}", escape(code));
                best = Some((rank, status, response, at));
            }
        }
        let (_, status, response, at) = best?;
        let mut spec = ResponseSpec {
            status,
            body: None,
            lang: None,
        };
        let Some((response, at)) = self.resolve(response, &at) else {
            return Some(spec);
        };
        let Some(content) = response.get("content").and_then(Value::as_object) else {
            return Some(spec);
        };
        // JSON, else a wildcard (springdoc writes `*/*` for every response), whose objects are
        // JSON too: no other text format writes one
        let first = |wanted: fn(&str) -> bool| {
            content
                .iter()
                .map(|(key, media)| (key.as_str(), media))
                .find(|(key, _)| wanted(&media_type(key)))
        };
        let json =
            first(is_json).or_else(|| first(|media| matches!(media, "*/*" | "application/*")));
        if let Some((key, media)) = json {
            let media_at = format!("{at}/content/{}", escape(key));
            if let Some(example) = self.media_example(media, &media_at, Direction::Response) {
                spec.body = Some(json_text(&example));
            }
            return Some(spec);
        }
        for (key, media) in content {
            let key = key.as_str();
            let media_at = format!("{at}/content/{}", escape(key));
            let media_name = media_type(key);
            let Some(example) = self.explicit_example(media, &media_at) else {
                continue;
            };
            // XML and YAML have a text for an object, as request bodies of those types do
            let text = match &example {
                Value::Object(_) | Value::Array(_) => self
                    .object_text(&example, media, &media_name)
                    .map(|text| text.trim_end_matches('\n').to_string()),
                scalar => Some(scalar_text(scalar)),
            };
            match text {
                Some(text) => {
                    spec.body = Some(text);
                    spec.lang = response_fence(&media_name).map(str::to_string);
                    return Some(spec);
                }
                None => self.note(
                    "response",
                    media_at,
                    format!("an example given as an object cannot be written as `{key}`"),
                ),
            }
        }
        Some(spec)
    }
}

#[cfg(test)]
mod tests {
    use crate::import::openapi::test_support::*;

    #[test]
    fn a_wildcard_responses_object_is_json() {
        let import = run(r#"
paths:
  /a:
    get:
      responses:
        '200':
          content:
            '*/*':
              schema: {type: object, properties: {name: {type: string}}}
              example: {name: Ann}
"#);
        let response = only(&import).response.as_ref().unwrap();
        assert_eq!(
            response.body.as_deref(),
            Some("{\n    \"name\": \"Ann\"\n}")
        );
        assert!(
            import.notes.iter().all(|n| n.kind != "response"),
            "{:?}",
            import.notes
        );
    }

    #[test]
    fn an_object_example_of_xml_or_yaml_is_written_in_it_and_of_other_text_is_noted() {
        let import = run(r#"
paths:
  /architectures:
    get:
      responses:
        '200':
          content:
            application/xml; charset=utf-8:
              example: {count: '2', entry: [{name: aarch64}, {name: x86_64}]}
              schema:
                type: object
                xml: {name: directory}
                properties:
                  count: {type: integer, xml: {attribute: true}}
                  entry:
                    type: array
                    items: {type: object, properties: {name: {type: string, xml: {attribute: true}}}}
  /config:
    get:
      responses:
        '200':
          content:
            application/yaml: {example: {retries: 3, hosts: [a, b]}}
  /anonymous:
    get:
      responses:
        '200':
          content:
            text/plain: {example: {ok: true}}
"#);
        let response = |i: usize| import.items[i].spec.response.clone().unwrap();
        let xml = response(0);
        assert_eq!(
            (xml.body.as_deref(), xml.lang.as_deref()),
            (
                Some(concat!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                    "<directory count=\"2\">\n",
                    "  <entry name=\"aarch64\"/>\n",
                    "  <entry name=\"x86_64\"/>\n",
                    "</directory>"
                )),
                Some("xml")
            )
        );
        let yaml = response(1);
        assert_eq!(
            (yaml.body.as_deref(), yaml.lang.as_deref()),
            (Some("retries: 3\nhosts:\n- a\n- b"), Some("yaml"))
        );
        assert_eq!(response(2).body, None);
        note(
            &import,
            "/paths/~1anonymous/get/responses/200/content/text~1plain",
            "an example given as an object cannot be written as `text/plain`",
        );
    }

    #[test]
    fn responses_use_the_lowest_success() {
        let import = run(r#"
paths:
  /a:
    get:
      responses:
        '400': {content: {application/json: {example: {error: x}}}}
        201: {content: {application/json: {example: {created: true}}}}
        200:
          $ref: '#/components/responses/Ok'
  /b:
    get:
      responses:
        2XX: {description: any}
        default: {description: error}
  /c:
    get:
      responses:
        '200':
          content:
            application/xml: {example: '<a>1</a>'}
  /d:
    get:
      responses:
        '404': {description: none}
  /e:
    get:
      responses:
        '200':
          content:
            application/problem+json:
              examples:
                external: {externalValue: 'https://e.com/x.json'}
                inline: {value: [1]}
components:
  responses:
    Ok:
      description: ok
      content:
        application/xml: {example: '<ok/>'}
        application/json:
          examples:
            first: {value: {ok: true}}
"#);
        let response = |i: usize| import.items[i].spec.response.clone();
        let a = response(0).unwrap();
        assert_eq!(
            (a.status.as_str(), a.body.as_deref(), a.lang),
            ("200", Some("{\n    \"ok\": true\n}"), None)
        );
        let b = response(1).unwrap();
        assert_eq!((b.status.as_str(), b.body), ("200", None));
        let c = response(2).unwrap();
        assert_eq!(
            (c.body.as_deref(), c.lang.as_deref()),
            (Some("<a>1</a>"), Some("xml"))
        );
        assert!(response(3).is_none());
        assert_eq!(response(4).unwrap().body.as_deref(), Some("[\n    1\n]"));
        note(
            &import,
            "/paths/~1e/get/responses/200/content/application~1problem+json/examples/external",
            "not fetched",
        );
    }
}
