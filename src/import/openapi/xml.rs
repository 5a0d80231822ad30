//! An XML body from an example value and its schema, as the XML Object of OpenAPI describes the
//! mapping: elements named by `xml.name` or the property's name, `xml.attribute` properties as
//! attributes, lists as repeated elements (inside one more with `xml.wrapped`), `xml.prefix` and
//! `xml.namespace` written on the element.

use std::fmt::Write;

use serde_json::Value;

/// Follows a schema's `$ref`s (the schema itself when it has none, or they lead nowhere).
pub(super) type Resolve<'r> = &'r dyn Fn(&Value) -> Value;

/// `value` as an XML document whose root element is named by the schema's `xml.name`, else
/// `root_name` (the name of the component the schema is).
pub(super) fn document(value: &Value, schema: &Value, root_name: &str, resolve: Resolve) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let schema = resolve(schema);
    element(
        &mut out,
        &name_of(&schema, root_name),
        value,
        &schema,
        0,
        resolve,
    );
    // the body ends with its root element, as a JSON body ends with its `}`
    out.pop();
    out
}

/// The element name a schema gives itself, with its prefix: `xml.name`, else `fallback`.
fn name_of(schema: &Value, fallback: &str) -> String {
    let xml = schema.get("xml");
    let name = xml
        .and_then(|x| x.get("name"))
        .and_then(Value::as_str)
        .unwrap_or(fallback);
    match xml.and_then(|x| x.get("prefix")).and_then(Value::as_str) {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{name}"),
        _ => name.to_string(),
    }
}

/// The `xmlns` attribute a schema's `xml.namespace` puts on its element.
fn namespace_of(schema: &Value) -> String {
    let xml = schema.get("xml");
    match xml.and_then(|x| x.get("namespace")).and_then(Value::as_str) {
        Some(namespace) => {
            let prefix = xml.and_then(|x| x.get("prefix")).and_then(Value::as_str);
            match prefix {
                Some(prefix) if !prefix.is_empty() => {
                    format!(" xmlns:{prefix}=\"{}\"", escaped(namespace, true))
                }
                _ => format!(" xmlns=\"{}\"", escaped(namespace, true)),
            }
        }
        None => String::new(),
    }
}

fn flag(schema: &Value, key: &str) -> bool {
    schema
        .get("xml")
        .and_then(|x| x.get(key))
        .and_then(Value::as_bool)
        == Some(true)
}

/// One element `name` holding `value`, at `depth` levels of indentation.
fn element(
    out: &mut String,
    name: &str,
    value: &Value,
    schema: &Value,
    depth: usize,
    resolve: Resolve,
) {
    let indent = "  ".repeat(depth);
    let namespace = namespace_of(schema);
    match value {
        Value::Object(members) => {
            let properties = schema.get("properties");
            let property = |key: &str| {
                properties
                    .and_then(|p| p.get(key))
                    .map(resolve)
                    .unwrap_or(Value::Null)
            };
            let mut attributes = String::new();
            let mut children = Vec::new();
            for (key, member) in members {
                let schema = property(key);
                if flag(&schema, "attribute") && !member.is_object() && !member.is_array() {
                    let _ = write!(
                        attributes,
                        " {}=\"{}\"",
                        name_of(&schema, key),
                        escaped(&scalar(member), true)
                    );
                } else {
                    children.push((key, member, schema));
                }
            }
            if children.is_empty() {
                let _ = writeln!(out, "{indent}<{name}{namespace}{attributes}/>");
                return;
            }
            let _ = writeln!(out, "{indent}<{name}{namespace}{attributes}>");
            for (key, member, schema) in children {
                member_elements(out, key, member, &schema, depth + 1, resolve);
            }
            let _ = writeln!(out, "{indent}</{name}>");
        }
        // a list given as the whole body: its items inside the root element
        Value::Array(items) => {
            let _ = writeln!(out, "{indent}<{name}{namespace}>");
            let items_schema = schema.get("items").map(resolve).unwrap_or(Value::Null);
            let item_name = name_of(&items_schema, "item");
            for item in items {
                element(out, &item_name, item, &items_schema, depth + 1, resolve);
            }
            let _ = writeln!(out, "{indent}</{name}>");
        }
        Value::Null => {
            let _ = writeln!(out, "{indent}<{name}{namespace}/>");
        }
        scalar_value => {
            let _ = writeln!(
                out,
                "{indent}<{name}{namespace}>{}</{name}>",
                escaped(&scalar(scalar_value), false)
            );
        }
    }
}

/// The elements of an object's member `key`: a list's items repeated under the member's name
/// (or its items' `xml.name`), wrapped in one element of the member's name with `xml.wrapped`.
fn member_elements(
    out: &mut String,
    key: &str,
    value: &Value,
    schema: &Value,
    depth: usize,
    resolve: Resolve,
) {
    let Value::Array(items) = value else {
        element(out, &name_of(schema, key), value, schema, depth, resolve);
        return;
    };
    let items_schema = schema.get("items").map(resolve).unwrap_or(Value::Null);
    if flag(schema, "wrapped") {
        let indent = "  ".repeat(depth);
        let wrapper = name_of(schema, key);
        let _ = writeln!(out, "{indent}<{wrapper}{}>", namespace_of(schema));
        let item_name = name_of(&items_schema, key);
        for item in items {
            element(out, &item_name, item, &items_schema, depth + 1, resolve);
        }
        let _ = writeln!(out, "{indent}</{wrapper}>");
    } else {
        let item_name = name_of(&items_schema, &name_of(schema, key));
        for item in items {
            element(out, &item_name, item, &items_schema, depth, resolve);
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Text as XML writes it: `&`, `<` and `>` escaped, and `"` in an attribute.
fn escaped(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(value: &str, schema: &str, root: &str) -> String {
        let value: Value = crate::yaml::from_str(value).unwrap();
        let schema: Value = crate::yaml::from_str(schema).unwrap();
        document(&value, &schema, root, &|s: &Value| s.clone())
    }

    #[test]
    fn members_become_elements_and_attributes() {
        assert_eq!(
            xml(
                "{id: 7, name: 'Tom & Jerry', tags: [a, b], photos: [p.png], kind: cat}",
                "{xml: {name: pet, prefix: p, namespace: 'https://e.com/ns'}, properties: {
                    id: {type: integer, xml: {attribute: true}},
                    tags: {type: array, items: {type: string, xml: {name: tag}}},
                    photos: {type: array, xml: {wrapped: true}, items: {type: string, xml: {name: url}}},
                    kind: {type: string, xml: {name: type}}}}",
                "Pet"
            ),
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<p:pet xmlns:p=\"https://e.com/ns\" id=\"7\">\n",
                "  <name>Tom &amp; Jerry</name>\n",
                "  <tag>a</tag>\n",
                "  <tag>b</tag>\n",
                "  <photos>\n",
                "    <url>p.png</url>\n",
                "  </photos>\n",
                "  <type>cat</type>\n",
                "</p:pet>",
            )
        );
    }

    #[test]
    fn a_schema_without_xml_names_is_named_by_its_component_and_keys() {
        assert_eq!(
            xml(
                "{name: x, inner: {a: 1}, none: null}",
                "{type: object}",
                "Thing"
            ),
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<Thing>\n",
                "  <name>x</name>\n",
                "  <inner>\n",
                "    <a>1</a>\n",
                "  </inner>\n",
                "  <none/>\n",
                "</Thing>",
            )
        );
        assert_eq!(
            xml("[1, 2]", "{type: array, items: {type: integer}}", "ids"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ids>\n  <item>1</item>\n  <item>2</item>\n</ids>"
        );
    }
}
