//! Schemas: a minimal example built from one, and the properties of an object schema.

use std::borrow::Cow;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::Importer;
use super::document::escape;
use super::strings;

/// How deep an example is built from nested schemas.
pub(super) const MAX_DEPTH: usize = 8;
/// How many values one example built from a schema may hold: wide schemas that refer to each
/// other would otherwise grow without bound within the depth limit.
pub(super) const MAX_BUILT_VALUES: usize = 500;

/// Which way an example goes: `readOnly` properties are left out of requests, `writeOnly` ones out
/// of responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Request,
    Response,
}

impl<'a> Importer<'a> {
    /// The properties of an object schema, `allOf` included, each resolved.
    pub(super) fn properties(
        &mut self,
        schema: &'a Value,
        at: &str,
        depth: usize,
    ) -> IndexMap<String, &'a Value> {
        let mut out = IndexMap::new();
        if depth > MAX_DEPTH {
            return out;
        }
        let Some((schema, at)) = self.resolve(schema, at) else {
            return out;
        };
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for (index, sub) in all.iter().enumerate() {
                out.extend(self.properties(sub, &format!("{at}/allOf/{index}"), depth + 1));
            }
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                let name = name.as_str();
                let property_at = format!("{at}/properties/{}", escape(name));
                if let Some((property, _)) = self.resolve(property, &property_at) {
                    out.insert(name.to_string(), property);
                }
            }
        }
        out
    }

    /// The names an object schema requires, its `allOf` members' included.
    fn required_names(&mut self, schema: &'a Value, at: &str, depth: usize) -> Vec<String> {
        let mut names = Vec::new();
        if depth > MAX_DEPTH {
            return names;
        }
        let Some((schema, at)) = self.resolve(schema, at) else {
            return names;
        };
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !names.iter().any(|known| known == name) {
                names.push(name.to_string());
            }
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for (index, sub) in all.iter().enumerate() {
                for name in self.required_names(sub, &format!("{at}/allOf/{index}"), depth + 1) {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
        }
        names
    }

    /// A minimal example of `schema`.
    pub(super) fn build(
        &mut self,
        schema: &'a Value,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        if depth > MAX_DEPTH {
            self.depth_cut = true;
            return None;
        }
        if self.budget == 0 {
            return None;
        }
        self.budget -= 1;
        if schema.get("$ref").is_none() {
            return self.build_resolved(schema, at, direction, depth, stack);
        }
        let (mut target, mut pointer) = self.resolve(schema, at)?;
        if stack.contains(&pointer) {
            // a recursive schema: the example stops here
            return None;
        }
        let mut reference = schema
            .get("$ref")
            .and_then(Value::as_str)
            .map(Cow::Borrowed);
        // a discriminated base used as itself (`Pet`, mapping `dog: Dog`) is sent as the subtype
        // its mapping names first: a server that reads the discriminator expects that type's
        // properties too. Built as a member of an `allOf` (a subtype's), the base is itself.
        let extended = at.rsplit('/').nth(1) == Some("allOf");
        if !extended
            && let Some((subtype, subtype_pointer)) = self.first_mapped_subtype(target)
            && subtype_pointer != pointer
            && !stack.contains(&subtype_pointer)
        {
            reference = Some(Cow::Owned(format!("#{subtype_pointer}")));
            target = subtype;
            pointer = subtype_pointer;
        }
        // OpenAPI 3.1: `$ref` is JSON Schema's, and the keywords beside it apply too
        let siblings = self.is_3_1() && has_schema_keywords(schema);
        if siblings && let Some(value) = own_value(schema) {
            return Some(value);
        }
        stack.push(pointer.clone());
        let mut built = self.build_resolved(target, &pointer, direction, depth, stack);
        stack.pop();
        if let Some(Value::Object(map)) = &mut built
            && let Some(reference) = reference
        {
            self.name_discriminated_type(target, &reference, map);
        }
        if siblings && let Some(Value::Object(mut map)) = built {
            self.add_own_properties(schema, target, &mut map, at, direction, depth, stack);
            return Some(Value::Object(map));
        }
        built
    }

    /// The schema the first entry of a discriminator's `mapping` names, when `schema` has one
    /// and no choices of its own (a base its subtypes extend by `allOf`), and its pointer.
    fn first_mapped_subtype(&self, schema: &'a Value) -> Option<(&'a Value, String)> {
        if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
            return None;
        }
        let mapping = schema.get("discriminator")?.get("mapping")?.as_object()?;
        let (_, first) = mapping.iter().next()?;
        self.mapped_schema(first.as_str()?)
    }

    /// Whether a schema, its `$ref` followed, allows any value (see [`is_any_value`]).
    pub(super) fn allows_any_value(&self, schema: &'a Value) -> bool {
        match self.lookup(schema) {
            Ok((target, _)) => is_any_value(target),
            Err(_) => is_any_value(schema),
        }
    }

    /// Whether the document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12's.
    fn is_3_1(&self) -> bool {
        self.root
            .get("openapi")
            .and_then(Value::as_str)
            .is_some_and(|version| version.starts_with("3.1"))
    }

    /// Adds to `map` (an object built from another schema that applies with `schema`: a branch
    /// of its `oneOf`, its `$ref`'s target) what `schema` itself says of the object: its own
    /// properties (the required ones, or all with `--all-params`), and the properties `schema`
    /// requires that `declared_in` declares.
    #[allow(clippy::too_many_arguments)]
    fn add_own_properties(
        &mut self,
        schema: &'a Value,
        declared_in: &'a Value,
        map: &mut Map<String, Value>,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) {
        if schema.get("properties").is_some()
            && let Some(Value::Object(own)) = self.build_object(schema, at, direction, depth, stack)
        {
            for (name, value) in own {
                map.entry(name).or_insert(value);
            }
        }
        let required = self.required_names(schema, at, depth);
        if direction == Direction::Request && required.iter().any(|name| !map.contains_key(name)) {
            let mut declared = self.properties(declared_in, at, depth);
            declared.extend(self.properties(schema, at, depth));
            self.add_required(&required, &declared, map, at, direction, depth, stack);
        }
    }

    /// Adds to `map` each of `required` it lacks, built from its property in `declared`.
    #[allow(clippy::too_many_arguments)]
    fn add_required(
        &mut self,
        required: &[String],
        declared: &IndexMap<String, &'a Value>,
        map: &mut Map<String, Value>,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) {
        for name in required {
            let Some(&property) = declared.get(name) else {
                continue;
            };
            if map.contains_key(name) || self.flag(property, "readOnly") {
                continue;
            }
            if let Some(value) = self.build_property(name, property, at, direction, depth, stack) {
                map.insert(name.clone(), value);
            }
        }
    }

    /// The value of the property `name` of the object schema at `at`, one level deeper: built
    /// from its schema, or `"string"` when any value may be there.
    fn build_property(
        &mut self,
        name: &str,
        property: &'a Value,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        let property_at = format!("{at}/properties/{}", escape(name));
        self.build(property, &property_at, direction, depth + 1, stack)
            .or_else(|| self.allows_any_value(property).then(any_value))
    }

    /// The value of an optional property, as [`Self::build_property`] builds it; none when a
    /// string in it meets its schema's pattern or bounds nowhere: an optional property is
    /// better not sent than sent invalid.
    fn build_optional_property(
        &mut self,
        name: &str,
        property: &'a Value,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        let unmet_before = self.unmet_string_values;
        let value = self.build_property(name, property, at, direction, depth, stack);
        value.filter(|_| self.unmet_string_values == unmet_before)
    }

    fn build_resolved(
        &mut self,
        schema: &'a Value,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        if !schema.is_object() {
            return None;
        }
        if let Some(value) = own_value(schema) {
            return Some(value);
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            let mut other = None;
            for (index, sub) in all.iter().enumerate() {
                match self.build(sub, &format!("{at}/allOf/{index}"), direction, depth, stack) {
                    Some(Value::Object(map)) => merged.extend(map),
                    Some(value) => {
                        other.get_or_insert(value);
                    }
                    None => {}
                }
            }
            if schema.get("properties").is_some()
                && let Some(Value::Object(own)) =
                    self.build_object(schema, at, direction, depth, stack)
            {
                merged.extend(own);
            }
            // `required` holds for the whole object, wherever its properties are declared: a
            // name the schema or one member requires may be a property another member declares
            if direction == Direction::Request && !self.all_params && other.is_none() {
                let required = self.required_names(schema, at, depth);
                if required.iter().any(|name| !merged.contains_key(name)) {
                    let declared = self.properties(schema, at, depth);
                    self.add_required(
                        &required,
                        &declared,
                        &mut merged,
                        at,
                        direction,
                        depth,
                        stack,
                    );
                }
            }
            if direction == Direction::Request && other.is_none() {
                // `dependentRequired` in the schema or a member, for properties from any member
                let members = all.iter().filter_map(|sub| self.lookup(sub).ok());
                let dependents: Vec<&'a Value> = std::iter::once(schema)
                    .chain(members.map(|(m, _)| m))
                    .collect();
                for holder in dependents {
                    self.add_dependent_required(
                        holder,
                        schema,
                        &mut merged,
                        at,
                        direction,
                        depth,
                        stack,
                    );
                }
            }
            if !merged.is_empty() || other.is_none() {
                return Some(Value::Object(merged));
            }
            return other;
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(choices) = schema.get(key).and_then(Value::as_array) {
                for (index, choice) in choices.iter().enumerate() {
                    let is_null = self
                        .lookup(choice)
                        .is_ok_and(|(c, _)| c.get("type").and_then(Value::as_str) == Some("null"));
                    if is_null {
                        continue;
                    }
                    let choice_at = format!("{at}/{key}/{index}");
                    let branch_required = self.required_names(choice, &choice_at, depth);
                    // a branch written in place that only lists which properties it requires
                    // (not one that refers back to the schema being built: the next serves)
                    let only_required = choice.get("$ref").is_none()
                        && choice.get("properties").is_none()
                        && !branch_required.is_empty();
                    let value = match self.build(choice, &choice_at, direction, depth, stack) {
                        Some(value) => value,
                        None if only_required => Value::Object(Map::new()),
                        None => continue,
                    };
                    // what the schema says beside its choices holds too (`properties`,
                    // `required`), and a branch may only list which of them it requires
                    let Value::Object(mut map) = value else {
                        return Some(value);
                    };
                    let from_branch: Vec<String> = map.keys().cloned().collect();
                    self.add_own_properties(schema, schema, &mut map, at, direction, depth, stack);
                    let discriminator = discriminated(schema, choice);
                    if let Some((property, value)) = &discriminator {
                        // the discriminator's value names the branch sent, unless the branch
                        // gives the property a value of its own (an `enum`, a `const`); the
                        // property is sent whether or not the branch requires it, since the
                        // API reads the branch from it (pydantic's tag with a default)
                        let own = match map.get(*property) {
                            Some(built) => Some(built.clone()),
                            None => {
                                let declared = self.properties(choice, &choice_at, depth);
                                declared.get(*property).and_then(|&declared| {
                                    self.build_property(
                                        property, declared, &choice_at, direction, depth, stack,
                                    )
                                })
                            }
                        };
                        // an `enum` the branch shares with the others (Cohere's `type: {$ref:
                        // EmbedContentType}`) allows the value naming it; a `const` is its own
                        let allowed = self
                            .properties(choice, &choice_at, depth)
                            .get(*property)
                            .and_then(|declared| self.lookup(declared).ok())
                            .and_then(|(declared, _)| declared.get("enum"))
                            .and_then(Value::as_array)
                            .is_some_and(|values| values.iter().any(|v| v.as_str() == Some(value)));
                        let value = match own {
                            Some(own) if !is_generic_string(&own) && !allowed => own,
                            _ => Value::String(value.clone()),
                        };
                        map.insert(property.to_string(), value);
                    }
                    if direction == Direction::Request {
                        let declared = self.properties(schema, at, depth);
                        self.add_required(
                            &branch_required,
                            &declared,
                            &mut map,
                            at,
                            direction,
                            depth,
                            stack,
                        );
                    }
                    if key == "oneOf" && self.all_params {
                        // the optional properties from beside the choices could make another
                        // branch match too (it requires them all): those it alone requires go
                        for (other_index, other) in choices.iter().enumerate() {
                            if other_index == index {
                                continue;
                            }
                            let other_at = format!("{at}/{key}/{other_index}");
                            let other_required = self.required_names(other, &other_at, depth);
                            let matches = !other_required.is_empty()
                                && other_required.iter().all(|name| map.contains_key(name));
                            if !matches {
                                continue;
                            }
                            for name in other_required {
                                let keep = branch_required.contains(&name)
                                    || from_branch.contains(&name)
                                    || discriminator.as_ref().is_some_and(|(p, _)| *p == name);
                                if !keep {
                                    map.shift_remove(&name);
                                }
                            }
                        }
                    }
                    return Some(Value::Object(map));
                }
            }
        }
        let declared = match schema.get("type") {
            Some(Value::String(t)) => Some(t.as_str()),
            // OpenAPI 3.1: `type: [string, "null"]`
            Some(Value::Array(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .or_else(|| types.first().and_then(Value::as_str)),
            _ => None,
        };
        let kind = declared.or_else(|| {
            if schema.get("properties").is_some() || schema.get("additionalProperties").is_some() {
                Some("object")
            } else if schema.get("items").is_some() || schema.get("prefixItems").is_some() {
                Some("array")
            } else {
                None
            }
        })?;
        match kind {
            "object" => self.build_object(schema, at, direction, depth, stack),
            "array" => {
                if let Some(prefix) = schema.get("prefixItems").and_then(Value::as_array) {
                    let mut items = Vec::new();
                    for (index, item) in prefix.iter().enumerate() {
                        let item_at = format!("{at}/prefixItems/{index}");
                        items.extend(self.build(item, &item_at, direction, depth + 1, stack));
                    }
                    return Some(Value::Array(items));
                }
                let mut items: Vec<Value> = match schema.get("items") {
                    Some(items) => self
                        .build(items, &format!("{at}/items"), direction, depth + 1, stack)
                        .into_iter()
                        .collect(),
                    None => Vec::new(),
                };
                // `minItems`: the item again, up to a few
                let least = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
                if let Some(item) = items.first().cloned() {
                    while (items.len() as u64) < least.min(10) {
                        items.push(item.clone());
                    }
                }
                Some(Value::Array(items))
            }
            "string" => {
                let example = strings::example(schema, &mut self.patterns);
                if !example.meets_schema && direction == Direction::Request {
                    let asked = match schema.get("pattern").and_then(Value::as_str) {
                        Some(pattern) => format!("`pattern` `{pattern}`"),
                        None => "`minLength` and `maxLength`".to_string(),
                    };
                    self.unmet_string_values += 1;
                    let message = format!(
                        "no example string was found that meets this schema's {asked}: where the value is required the sample sends {:?}, which the API may refuse, and where it is optional it is left out (said once for the document)",
                        example.value
                    );
                    if self.unmet_strings.insert(message.clone()) {
                        self.note("example", at, message);
                    }
                }
                Some(Value::String(example.value))
            }
            "integer" | "number" => {
                let minimum = inclusive_bound(schema, "minimum", "exclusiveMinimum")
                    .filter(|m| m.as_f64().is_some_and(|m| m > 0.0));
                let maximum = inclusive_bound(schema, "maximum", "exclusiveMaximum")
                    .filter(|m| m.as_f64().is_some_and(|m| m < 0.0));
                let bound = minimum.or(maximum);
                let step = schema
                    .get("multipleOf")
                    .and_then(Value::as_f64)
                    .filter(|step| *step > 0.0);
                if let Some(value) = bound
                    && step.is_none()
                {
                    return Some(value.clone());
                }
                let above = exclusive_bound(schema, "minimum", "exclusiveMinimum");
                let below = exclusive_bound(schema, "maximum", "exclusiveMaximum");
                let value = match (bound.and_then(Value::as_f64), above, below) {
                    (Some(bound), _, _) => bound,
                    (None, Some(low), Some(high)) if kind == "number" => (low + high) / 2.0,
                    (None, Some(low), _) if low >= 0.0 => low.floor() + 1.0,
                    (None, _, Some(high)) if high <= 0.0 => high.ceil() - 1.0,
                    _ => 0.0,
                };
                let value = match step {
                    Some(step) => multiple_within(schema, value, step),
                    None => value,
                };
                // a whole number is written without a fraction (`1`, not `1.0`)
                Some(
                    serde_json::Number::from_f64(value)
                        .filter(|_| value.fract() != 0.0)
                        .map_or_else(|| Value::Number((value as i64).into()), Value::Number),
                )
            }
            "boolean" => Some(Value::Bool(true)),
            "null" => Some(Value::Null),
            _ => None,
        }
    }

    /// An object with every property, the required ones first; in a request without
    /// `--all-params`, the required ones only.
    fn build_object(
        &mut self,
        schema: &'a Value,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        let mut out = Map::new();
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            let mut ordered: Vec<(&str, &'a Value)> = properties
                .iter()
                .map(|(name, property)| (name.as_str(), property))
                .collect();
            ordered.sort_by_key(|(name, _)| !required.contains(name));
            if direction == Direction::Request && !self.all_params {
                ordered.retain(|(name, _)| required.contains(name));
            }
            for (name, property) in ordered {
                let skip = match direction {
                    Direction::Request => self.flag(property, "readOnly"),
                    Direction::Response => self.flag(property, "writeOnly"),
                };
                if skip {
                    continue;
                }
                let value = if required.contains(&name) {
                    self.build_property(name, property, at, direction, depth, stack)
                } else {
                    self.build_optional_property(name, property, at, direction, depth, stack)
                };
                if let Some(value) = value {
                    out.insert(name.into(), value);
                }
            }
            // `minProperties`: the first optional ones too, in order
            let least = schema
                .get("minProperties")
                .and_then(Value::as_u64)
                .unwrap_or(0) as usize;
            if direction == Direction::Request && out.len() < least {
                for (name, property) in properties {
                    if out.len() >= least {
                        break;
                    }
                    if out.contains_key(name) || self.flag(property, "readOnly") {
                        continue;
                    }
                    if let Some(value) =
                        self.build_optional_property(name, property, at, direction, depth, stack)
                    {
                        out.insert(name.clone(), value);
                    }
                }
            }
        } else if let Some(additional) =
            schema.get("additionalProperties").filter(|a| a.is_object())
        {
            let additional_at = format!("{at}/additionalProperties");
            if let Some(value) = self.build(additional, &additional_at, direction, depth + 1, stack)
            {
                let key = self.property_name(schema, at);
                out.insert(key, value);
            }
        }
        if direction == Direction::Request {
            self.add_dependent_required(schema, schema, &mut out, at, direction, depth, stack);
        }
        Some(Value::Object(out))
    }

    /// The name of the one member an example of a map gets: a name `propertyNames` allows
    /// (its `enum`'s first, a `const`, one meeting its `pattern` and length bounds), else `key`.
    fn property_name(&mut self, schema: &'a Value, at: &str) -> String {
        let names_at = format!("{at}/propertyNames");
        let Some((names, _)) = schema
            .get("propertyNames")
            .and_then(|names| self.resolve(names, &names_at))
        else {
            return "key".into();
        };
        if let Some(Value::String(name)) = own_value(names) {
            return name;
        }
        let bounded = ["pattern", "minLength", "maxLength"]
            .iter()
            .any(|key| names.get(key).is_some());
        let named = strings::example(names, &mut self.patterns);
        if bounded && named.meets_schema {
            return named.value;
        }
        "key".into()
    }

    /// Adds to `map` the properties that the `dependentRequired` of `schema` asks for once
    /// another is there (`cvc` with `card`), and those they ask for in turn, each built from
    /// its declaration in `declared_in` (the object schema, its `allOf` included).
    #[allow(clippy::too_many_arguments)]
    fn add_dependent_required(
        &mut self,
        schema: &'a Value,
        declared_in: &'a Value,
        map: &mut Map<String, Value>,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) {
        let Some(dependent) = schema.get("dependentRequired").and_then(Value::as_object) else {
            return;
        };
        let declared = self.properties(declared_in, at, depth);
        // each round adds at least one property, or stops
        for _ in 0..dependent.len() {
            let needed: Vec<String> = dependent
                .iter()
                .filter(|(present, _)| map.contains_key(present.as_str()))
                .filter_map(|(_, names)| names.as_array())
                .flatten()
                .filter_map(Value::as_str)
                .filter(|name| !map.contains_key(*name) && declared.contains_key(*name))
                .map(str::to_string)
                .collect();
            if needed.is_empty() {
                return;
            }
            let before = map.len();
            self.add_required(&needed, &declared, map, at, direction, depth, stack);
            if map.len() == before {
                return;
            }
        }
    }
}

/// Whether a built value is the string sent where any string may be: a discriminator property
/// built so names no type.
fn is_generic_string(value: &Value) -> bool {
    value.as_str() == Some(strings::format_example(None))
}

impl<'a> Importer<'a> {
    /// Sets the discriminator property of the object built from `target`, the schema `reference`
    /// names, to the value that names `target`'s type, where the property was built as any
    /// string: a discriminator of the schemas `target` extends by `allOf` (`Heavy: allOf: [$ref:
    /// Widget]`, as springdoc, NSwag and TypeSpec write subtypes), the `mapping` key for
    /// `reference` or else the schema's name; or `target`'s own, when it has no choices (the
    /// base used as itself), its own `mapping` key or else the first.
    fn name_discriminated_type(
        &self,
        target: &'a Value,
        reference: &str,
        map: &mut Map<String, Value>,
    ) {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        let names_target = |mapped: &Value| {
            mapped.as_str().is_some_and(|mapped| {
                mapped == reference || mapped.rsplit('/').next() == Some(name)
            })
        };
        // each schema with the name its reference gives it, and how far from `target`
        let mut bases = vec![(target, name, 0)];
        while let Some((schema, schema_name, level)) = bases.pop() {
            let is_target = level == 0;
            let discriminator = schema.get("discriminator");
            let property = discriminator
                .and_then(|d| d.get("propertyName"))
                .and_then(Value::as_str);
            let has_choices = schema.get("oneOf").is_some() || schema.get("anyOf").is_some();
            if let (Some(discriminator), Some(property)) = (discriminator, property)
                && (!is_target || !has_choices)
            {
                let mapping = discriminator.get("mapping").and_then(Value::as_object);
                // what the base is named as itself: a subtype's name replaces that (the base
                // was built first, as a member of the subtype's `allOf`)
                let as_itself = mapping
                    .and_then(|mapping| mapping.keys().next().cloned())
                    .unwrap_or_else(|| schema_name.to_string());
                // a property the schema does not declare is not made up
                let declared = map.contains_key(property)
                    || schema
                        .get("properties")
                        .is_some_and(|properties| properties.get(property).is_some());
                let replaceable = declared
                    && map.get(property).is_none_or(|built| {
                        is_generic_string(built)
                            || (!is_target && built.as_str() == Some(&as_itself))
                    });
                if replaceable {
                    let own_key = mapping.and_then(|mapping| {
                        mapping
                            .iter()
                            .find(|(_, mapped)| names_target(mapped))
                            .map(|(key, _)| key.clone())
                    });
                    let value = match own_key {
                        Some(key) => key,
                        None if is_target => as_itself,
                        None => name.to_string(),
                    };
                    map.insert(property.to_string(), Value::String(value));
                }
                return;
            }
            if level < 5 {
                for member in schema
                    .get("allOf")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let member_name = member
                        .get("$ref")
                        .and_then(Value::as_str)
                        .and_then(|r| r.rsplit('/').next())
                        .unwrap_or_default();
                    if let Ok((base, _)) = self.lookup(member) {
                        bases.push((base, member_name, level + 1));
                    }
                }
            }
        }
    }
}

/// The discriminator property of a schema with choices, and its value for the branch `choice`:
/// the `mapping` key that names the branch's `$ref`, else the name of the schema it refers to.
fn discriminated<'s>(schema: &'s Value, choice: &Value) -> Option<(&'s str, String)> {
    let discriminator = schema.get("discriminator")?;
    let property = discriminator.get("propertyName")?.as_str()?;
    let reference = choice.get("$ref")?.as_str()?;
    let mapped = discriminator
        .get("mapping")
        .and_then(Value::as_object)
        .and_then(|mapping| {
            // a mapping's value is a reference, or a schema's name (`sq: Square`)
            let name = reference.rsplit('/').next();
            mapping
                .iter()
                .find(|(_, target)| {
                    target.as_str().is_some_and(|target| {
                        target == reference
                            || (!target.contains(['/', '#']) && Some(target) == name)
                    })
                })
                .map(|(key, _)| key.clone())
        });
    let value = mapped.or_else(|| reference.rsplit('/').next().map(str::to_string))?;
    Some((property, value))
}

/// Whether a schema allows any value: `true`, or one with no keyword that says what a value is
/// (`{}`, or only annotations such as `description`, `externalDocs` and extensions; pydantic's
/// `JsonValue`, Telegram's `InputFile`).
pub(super) fn is_any_value(schema: &Value) -> bool {
    match schema {
        Value::Bool(true) => true,
        Value::Object(map) => !map.keys().any(|key| {
            !matches!(
                key.as_str(),
                "description"
                    | "title"
                    | "summary"
                    | "$comment"
                    | "deprecated"
                    | "nullable"
                    | "externalDocs"
            ) && !key.starts_with("x-")
        }),
        _ => false,
    }
}

/// The value sent for a property whose schema allows any value.
fn any_value() -> Value {
    Value::String("string".into())
}

/// Whether a schema beside a `$ref` says more than annotations: a value (`example`, `examples`,
/// `const`, `default`, `enum`), properties or required names.
fn has_schema_keywords(schema: &Value) -> bool {
    [
        "example",
        "examples",
        "const",
        "default",
        "enum",
        "properties",
        "required",
    ]
    .iter()
    .any(|key| schema.get(key).is_some())
}

/// A (resolved) schema's own value: its `example`, `const`, first `examples`, `default` or first
/// `enum` value that is not null. An example object with none of the properties the schema
/// requires is no value of it: when a member of it is one (Square's examples wrap the body,
/// `{request_body: {…}, request_url: …}`), that member is, else the value is built from the
/// properties.
pub(super) fn own_value(schema: &Value) -> Option<Value> {
    let given = |key: &str| schema.get(key).filter(|v| !v.is_null());
    let first = |key: &str| {
        schema
            .get(key)
            .and_then(Value::as_array)
            .and_then(|values| values.iter().find(|v| !v.is_null()))
    };
    let properties = schema.get("properties").and_then(Value::as_object);
    // an object with one of the properties the schema requires and declares, or any object when
    // it requires none
    let fits = |value: &&Value| {
        let Value::Object(members) = value else {
            return true;
        };
        let mut required = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|name| properties.is_some_and(|p| p.contains_key(*name)))
            .peekable();
        required.peek().is_none() || required.any(|name| members.contains_key(name))
    };
    // an example that wraps the value in a member of its own (Square's `request_body`) gives it;
    // one none of whose members the schema declares is read so too, when a member is an object
    // that has one (and kept as it is when none is: a map's keys are its own)
    let declares_one = |value: &Value| {
        value.as_object().is_some_and(|members| {
            properties.is_some_and(|properties| members.keys().any(|k| properties.contains_key(k)))
        })
    };
    let example = given("example").and_then(|example| match example {
        Value::Object(members) if !fits(&example) => members
            .values()
            .find(|member| member.is_object() && fits(member)),
        Value::Object(members)
            if properties.is_some_and(|p| !p.is_empty()) && !declares_one(example) =>
        {
            Some(
                members
                    .values()
                    .find(|member| declares_one(member))
                    .unwrap_or(example),
            )
        }
        _ => Some(example),
    });
    // the first of a type the schema takes, or made one without loss: hand-written YAML leaves
    // `example: 12345` unquoted on a string, and a `default: []` on a string's `enum` is no value
    // the API takes, where the `enum` has one. When none is, the first as written: a document
    // whose `type` is wrong (Okta's `type: object` with `enum: [SELF…]`) shows what the API takes
    // better than a value built from the type would.
    let candidates = [
        example,
        given("const"),
        first("examples").filter(fits),
        given("default"),
        first("enum"),
    ];
    let mut given_values = candidates.into_iter().flatten().peekable();
    let first_given = given_values.peek().copied();
    // `const: null` and `enum: [null]` say the one value is null (an `example:` left empty is
    // no example, so null is read as none above)
    let only_null = schema.get("const") == Some(&Value::Null)
        || schema
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| !values.is_empty() && values.iter().all(Value::is_null));
    given_values
        .find_map(|value| of_declared_type(schema, value))
        .or_else(|| first_given.cloned())
        .or_else(|| only_null.then_some(Value::Null))
}

/// A schema's `bound` (`minimum`, `maximum`) when it is inclusive: no OpenAPI 3.0 `key`
/// (`exclusiveMinimum: true`) beside it says otherwise.
fn inclusive_bound<'s>(schema: &'s Value, bound: &str, key: &str) -> Option<&'s Value> {
    schema
        .get(bound)
        .filter(|_| schema.get(key).and_then(Value::as_bool) != Some(true))
}

/// A schema's exclusive bound: JSON Schema 2020-12's number (`exclusiveMinimum: 0`), or the
/// `bound` that OpenAPI 3.0's boolean `key` beside it makes exclusive (`minimum: 0,
/// exclusiveMinimum: true`).
fn exclusive_bound(schema: &Value, bound: &str, key: &str) -> Option<f64> {
    match schema.get(key) {
        Some(Value::Bool(true)) => schema.get(bound).and_then(Value::as_f64),
        Some(number) => number.as_f64(),
        None => None,
    }
}

/// A multiple of `step` (`multipleOf`) as near `value` as the schema's bounds allow: the
/// next one up, else the next one down; `value` when none is within them (or it is one).
fn multiple_within(schema: &Value, value: f64, step: f64) -> f64 {
    let inclusive =
        |bound: &str, key: &str| inclusive_bound(schema, bound, key).and_then(Value::as_f64);
    let allowed = |n: f64| {
        inclusive("minimum", "exclusiveMinimum").is_none_or(|low| n >= low)
            && exclusive_bound(schema, "minimum", "exclusiveMinimum").is_none_or(|low| n > low)
            && inclusive("maximum", "exclusiveMaximum").is_none_or(|high| n <= high)
            && exclusive_bound(schema, "maximum", "exclusiveMaximum").is_none_or(|high| n < high)
    };
    let ratio = value / step;
    // a whole ratio up to the float error of a fractional step (`multipleOf: 0.01`)
    if (ratio - ratio.round()).abs() < 1e-9 {
        return value;
    }
    let up = ratio.ceil() * step;
    let candidates = [up, up + step, ratio.floor() * step];
    // written back to the step's own decimals: 0.30000000000000004 is 0.3
    let decimals = format!("{step}").split('.').nth(1).map_or(0, str::len) as i32;
    let rounded = |n: f64| {
        let scale = 10f64.powi(decimals);
        (n * scale).round() / scale
    };
    candidates
        .into_iter()
        .map(rounded)
        .find(|n| allowed(*n))
        .unwrap_or(value)
}

/// The number a text writes (`42`, `0.5`), whole when it is written whole.
fn number_in(text: &str) -> Option<Value> {
    let text = text.trim();
    match text.parse::<i64>() {
        Ok(whole) => Some(Value::from(whole)),
        Err(_) => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
    }
}

/// `value` when it is of a type `schema` declares (or it declares none), else the same value
/// as the first declared type it converts to without loss (`12345` as `"12345"` for a string,
/// `"42"` as `42` for an integer, JSON text as the object or list it holds, a value as a list of
/// it, a list of one object as the object); `None` when none.
fn of_declared_type(schema: &Value, value: &Value) -> Option<Value> {
    converted_to_declared_type(schema, value, true)
}

/// [`of_declared_type`], making a list of a value that is not one when `may_list`.
fn converted_to_declared_type(schema: &Value, value: &Value, may_list: bool) -> Option<Value> {
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => return Some(value.clone()),
    };
    let is_of = |kind: &str| match kind {
        "string" => value.is_string(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0)
        }
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        // a type JSON Schema does not have says nothing
        _ => true,
    };
    if types.is_empty() || types.iter().any(|kind| is_of(kind)) {
        return Some(value.clone());
    }
    // a list of the value, when it is of its items' type (or they say none here: a `$ref`)
    let listed = || {
        let item = match schema.get("items") {
            Some(items) if items.get("$ref").is_none() => {
                converted_to_declared_type(items, value, false)?
            }
            _ => value.clone(),
        };
        may_list.then(|| Value::Array(vec![item]))
    };
    types.iter().find_map(|kind| match (*kind, value) {
        ("string", Value::Number(number)) => Some(Value::String(number.to_string())),
        ("string", Value::Bool(flag)) => Some(Value::String(flag.to_string())),
        // `"11.0"` is the integer 11
        ("integer", Value::String(text)) => number_in(text).and_then(|number| {
            number.as_i64().map(Value::from).or_else(|| {
                number
                    .as_f64()
                    .filter(|n| n.fract() == 0.0 && n.abs() < 9.0e15)
                    .map(|n| Value::from(n as i64))
            })
        }),
        ("number", Value::String(text)) => number_in(text),
        ("boolean", Value::String(text)) => match text.trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        ("object", Value::String(text)) => serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_object),
        // an object's example written inside a list of one (Codat's)
        ("object", Value::Array(items)) if items.len() == 1 && items[0].is_object() => {
            Some(items[0].clone())
        }
        ("array", Value::String(text)) => serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_array)
            .or_else(&listed),
        // an `enum` written on a list instead of its items (the BBC's `mixin`)
        ("array", scalar) if !scalar.is_object() => listed(),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::openapi::test_support::*;
    use serde_json::json;

    // Square's request schemas give an example that wraps the body (`{request_body: {…},
    // request_url: …}`): no object of the schema, but its member is
    #[test]
    fn an_example_object_that_is_no_value_of_its_schema_gives_way() {
        let required = "type: object, required: [source_id], properties: {source_id: {type: string, example: 'cnon:1'}, note: {type: string}}";
        let optional = "type: object, properties: {note: {type: string}}";
        let schemas = [
            // the member that is a value of the schema
            format!(
                "{{{required}, example: {{request_body: {{source_id: 'cnon:2'}}, request_url: /v2/cards}}}}"
            ),
            format!("{{{optional}, example: {{request_body: {{note: a}}, request_url: /notes}}}}"),
            // a map's own keys, and members beside a required one, are the schema's
            format!("{{{optional}, additionalProperties: true, example: {{any: a}}}}"),
            format!("{{{required}, example: {{source_id: 'cnon:3', extra: 1}}}}"),
            // none is: the value built from the schema
            format!("{{{required}, example: {{targetIds: [a]}}}}"),
        ];
        let paths: String = schemas
            .iter()
            .enumerate()
            .map(|(index, schema)| {
                format!("  /p{index}:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {schema}\n")
            })
            .collect();
        let import = run(&format!("paths:\n{paths}"));
        let bodies: Vec<Value> = import
            .items
            .iter()
            .map(|item| {
                let raw = item.spec.request.body.as_ref().unwrap().raw().unwrap();
                serde_json::from_str(raw).unwrap()
            })
            .collect();
        assert_eq!(
            bodies,
            [
                json!({"source_id": "cnon:2"}),
                json!({"note": "a"}),
                json!({"any": "a"}),
                json!({"source_id": "cnon:3", "extra": 1}),
                json!({"source_id": "cnon:1", "note": "string"}),
            ]
        );
    }

    // hand-written YAML: unquoted examples on strings, numbers quoted, JSON text for an object,
    // and a `default` of the wrong kind beside an `enum` (OpenAI's `TranscriptionInclude`)
    #[test]
    fn a_value_takes_the_type_its_schema_declares() {
        let schema = "type: object\nrequired: [id, zip, amount, ratio, flag, on, config, include, weird, whole, either, mixin, pairs, list, wrapped]\nproperties:\n  id: {type: string, example: 12345}\n  zip: {type: string, example: 01234}\n  amount: {type: integer, example: '42'}\n  ratio: {type: number, example: '0.5'}\n  flag: {type: string, example: true}\n  on: {type: boolean, example: 'false'}\n  config: {type: object, example: '{\"a\": 1}'}\n  include: {type: array, items: {type: string, enum: [logprobs], default: []}}\n  weird: {type: integer, example: many}\n  whole: {type: integer, example: '11.0'}\n  either: {type: [integer, 'null'], example: '7'}\n  mixin: {type: array, items: {type: string}, enum: [live, promotions]}\n  pairs: {type: array, items: {type: array}, example: \"[['a', 'b']]\"}\n  list: {type: array, example: '[1, 2]'}\n  wrapped: {type: object, example: [{a: 1}]}";
        assert_eq!(
            body_31(&post_schema(schema), Default::default()),
            json!({
                "id": "12345",
                "zip": "01234",
                "amount": 42,
                "ratio": 0.5,
                "flag": "true",
                "on": false,
                "config": {"a": 1},
                "include": ["logprobs"],
                // none fits: as written
                "weird": "many",
                "whole": 11,
                "either": 7,
                "mixin": ["live"],
                // no list of lists: as written
                "pairs": "[['a', 'b']]",
                "list": [1, 2],
                "wrapped": {"a": 1}
            })
        );
    }

    #[test]
    fn examples_are_built_from_schemas() {
        let import = run(r#"
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [name, id]
      properties:
        created: {type: string, format: date-time, readOnly: true}
        secret: {type: string, writeOnly: true}
        day: {type: string, format: date}
        email: {type: string, format: email}
        uuid: {type: string, format: uuid}
        kind: {type: string, enum: [cat, dog]}
        count: {type: integer}
        page: {type: integer, minimum: 1}
        ratio: {type: number}
        on: {type: boolean}
        list: {type: array, items: {type: string}}
        label: {type: string, default: none}
        sample: {type: string, example: given}
        choice:
          oneOf:
            - {type: 'null'}
            - {type: integer}
        merged:
          allOf:
            - {type: object, properties: {a: {type: integer}}}
            - {type: object, properties: {b: {type: boolean}}}
        map: {type: object, additionalProperties: {type: string}}
        tree: {$ref: '#/components/schemas/Thing'}
        id: {type: integer, format: int64}
        name: {type: string}
"#);
        let spec = only(&import);
        let request = spec.request.body.as_ref().unwrap().raw().unwrap();
        let request: serde_json::Value = serde_json::from_str(request).unwrap();
        assert_eq!(
            request,
            serde_json::json!({
                "id": 0, "name": "string", "secret": "string", "day": "2024-01-01",
                "email": "user@example.com", "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "kind": "cat", "count": 0, "page": 1, "ratio": 0, "on": true, "list": ["string"],
                "label": "none", "sample": "given", "choice": 0,
                "merged": {"a": 0, "b": true}, "map": {"key": "string"}
            })
        );
        let raw = spec.request.body.as_ref().unwrap().raw().unwrap();
        assert!(
            raw.starts_with("{\n    \"id\": 0,\n    \"name\": \"string\",\n    \"secret\""),
            "required first, in order: {raw}"
        );
        let response = spec.response.as_ref().unwrap().body.clone().unwrap();
        assert!(
            response.contains("\"created\": \"2024-01-01T00:00:00Z\""),
            "{response}"
        );
        assert!(!response.contains("secret"), "{response}");
        assert_eq!(spec.response.as_ref().unwrap().lang, None);
    }

    #[test]
    fn required_applies_across_all_of() {
        // DigitalOcean's and Box's bodies: `required` beside the `allOf` that declares them
        let import = read_minimal(&format!(
            "{HEAD}{}",
            r#"
paths:
  /copy:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [folder, name]
              allOf:
                - {type: object, properties: {title: {type: string}, name: {type: string, example: n}}}
                - type: object
                  required: [title]
                  properties:
                    folder: {type: object, required: [id], properties: {id: {type: string, example: '42'}}}
                    stamp: {type: string, readOnly: true}
"#
        ));
        let raw = only(&import).request.body.as_ref().unwrap().raw().unwrap();
        let body: serde_json::Value = serde_json::from_str(raw).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"folder": {"id": "42"}, "name": "n", "title": "string"})
        );
    }

    #[test]
    fn read_only_applies_through_all_of() {
        // Redocly's starter: `userid: {description: …, allOf: [{$ref: UserID}]}`, `UserID`
        // being `readOnly`
        let import = read_minimal(&format!(
            "{HEAD}{}",
            r#"
paths:
  /users:
    put:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [userid, name, nested]
              properties:
                userid: {description: The id, allOf: [{$ref: '#/components/schemas/UserID'}]}
                nested: {allOf: [{$ref: '#/components/schemas/Wrapped'}]}
                name: {type: string, example: n}
components:
  schemas:
    UserID: {type: integer, readOnly: true, example: 27}
    Wrapped: {allOf: [{$ref: '#/components/schemas/UserID'}]}
"#
        ));
        let raw = only(&import).request.body.as_ref().unwrap().raw().unwrap();
        let body: serde_json::Value = serde_json::from_str(raw).unwrap();
        assert_eq!(body, serde_json::json!({"name": "n"}));
    }

    /// The JSON body of the one operation of an OpenAPI 3.1 document with these paths.
    fn body_31(paths: &str, options: crate::import::Options) -> serde_json::Value {
        let text = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\nservers: [{{url: https://e.com}}]\n{paths}"
        );
        let import = read_with(&text, options);
        let raw = only(&import)
            .request
            .body
            .as_ref()
            .unwrap()
            .raw()
            .unwrap()
            .to_string();
        serde_json::from_str(&raw).unwrap()
    }

    fn post_schema(schema: &str) -> String {
        format!(
            "paths:\n  /a:\n    post:\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n{}\n",
            schema
                .lines()
                .map(|line| format!("              {line}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    }

    #[test]
    fn what_a_schema_says_beside_its_choices_holds_too() {
        // GitBook's invites: `required` and `properties` beside an `anyOf`
        let schema = "type: object\nproperties: {role: {type: string, enum: [read, write]}}\nanyOf:\n  - {type: object, properties: {teams: {type: array, items: {type: string}}}, required: [teams]}\n  - {type: object, properties: {users: {type: array, items: {type: string}}}, required: [users]}\nrequired: [role]";
        assert_eq!(
            body_31(&post_schema(schema), Default::default()),
            serde_json::json!({"teams": ["string"], "role": "read"})
        );
        // Urlbox's "one of these fields": branches that only list which they require
        let schema = "type: object\nproperties: {url: {type: string, examples: ['https://example.com']}, html: {type: string}, width: {type: integer}}\noneOf:\n  - required: [url]\n  - required: [html]";
        assert_eq!(
            body_31(&post_schema(schema), Default::default()),
            serde_json::json!({"url": "https://example.com"})
        );
        // every optional property but those that would make another branch match
        assert_eq!(
            body_31(&post_schema(schema), all_params()),
            serde_json::json!({"url": "https://example.com", "width": 0})
        );
    }

    #[test]
    fn a_property_any_value_may_be_is_sent() {
        // pydantic's `JsonValue: {}`, and JSON Schema's `true`
        let paths = format!(
            "{}components:\n  schemas:\n    JsonValue: {{}}\n",
            post_schema(
                "type: object\nrequired: [key, value, flag]\nproperties: {key: {type: string}, value: {$ref: '#/components/schemas/JsonValue'}, flag: true}"
            )
        );
        assert_eq!(
            body_31(&paths, Default::default()),
            serde_json::json!({"key": "string", "value": "string", "flag": "string"})
        );
    }

    /// A body whose schema allows any value (Kubernetes' `Patch`: a description alone) is the
    /// reader's own document, a file; a multipart part of one (Telegram's `InputFile`: a
    /// description and `externalDocs`) a file part, not left out.
    #[test]
    fn a_body_or_part_any_value_may_be_is_a_file() {
        let paths = format!(
            "{}components:\n  schemas:\n    Patch: {{description: Any patch, x-kind: patch}}\n",
            post_schema("$ref: '#/components/schemas/Patch'")
        );
        let text = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\nservers: [{{url: https://e.com}}]\n{paths}"
        );
        let import = read_with(&text, Default::default());
        assert!(
            matches!(&only(&import).request.body, Some(crate::spec::BodySpec::File(crate::spec::FileSpec::Path(path))) if path == "/path/to/body.json"),
            "{:?}",
            only(&import).request.body
        );
        let multipart = format!(
            "{HEAD}{}",
            r#"
paths:
  /photo:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [chat_id, photo]
              properties:
                chat_id: {type: integer}
                photo: {$ref: '#/components/schemas/InputFile'}
components:
  schemas:
    InputFile: {description: A file, externalDocs: {url: 'https://e.com/files'}}
"#
        );
        let import = read_minimal(&multipart);
        let Some(crate::spec::BodySpec::Formdata(parts)) = &only(&import).request.body else {
            panic!("{:?}", only(&import).request.body)
        };
        assert!(
            matches!(&parts[1]["photo"], crate::spec::PartSpec::Detailed(detail) if detail.file.is_some()),
            "{parts:?}"
        );
    }

    #[test]
    fn choices_and_references_do_not_use_up_the_depth() {
        // FastAPI's nullable nesting, six objects deep: `anyOf: [X, {type: 'null'}]` at each
        let mut components = String::from(
            "components:\n  schemas:\n    N6: {type: object, required: [leaf], properties: {leaf: {type: string, example: x}}}\n",
        );
        for level in (0..6).rev() {
            components.push_str(&format!(
                "    N{level}: {{type: object, required: [p], properties: {{p: {{anyOf: [{{$ref: '#/components/schemas/N{}'}}, {{type: 'null'}}]}}}}}}\n",
                level + 1
            ));
        }
        let paths = format!(
            "{}{components}",
            post_schema("$ref: '#/components/schemas/N0'")
        );
        let body = body_31(&paths, Default::default());
        assert_eq!(
            body.pointer("/p/p/p/p/p/p/leaf"),
            Some(&serde_json::json!("x")),
            "{body}"
        );
    }

    #[test]
    fn keywords_beside_a_reference_hold_in_3_1_only() {
        let components = "components:\n  schemas:\n    Base: {type: object, required: [name], properties: {name: {type: string, example: n}}}\n";
        let schema = "$ref: '#/components/schemas/Base'\nrequired: [extra]\nproperties: {extra: {type: string, examples: [more]}}";
        let paths = format!("{}{components}", post_schema(schema));
        assert_eq!(
            body_31(&paths, Default::default()),
            serde_json::json!({"name": "n", "extra": "more"})
        );
        // OpenAPI 3.0's Reference Object: what is beside it is ignored
        let import = run(&paths);
        let raw = only(&import).request.body.as_ref().unwrap().raw().unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(raw).unwrap(),
            serde_json::json!({"name": "n"})
        );
    }

    #[test]
    fn a_discriminator_names_the_branch_sent() {
        let components = "components:\n  schemas:\n    Cat: {type: object, required: [petType, meow], properties: {petType: {type: string}, meow: {type: boolean}}}\n    Dog: {type: object, required: [petType], properties: {petType: {type: string}}}\n";
        for (mapping, expected) in [
            ("\n  mapping: {cat: '#/components/schemas/Cat'}", "cat"),
            ("", "Cat"),
        ] {
            let schema = format!(
                "oneOf:\n  - $ref: '#/components/schemas/Cat'\n  - $ref: '#/components/schemas/Dog'\ndiscriminator:\n  propertyName: petType{mapping}"
            );
            let paths = format!("{}{components}", post_schema(&schema));
            assert_eq!(
                body_31(&paths, Default::default()),
                serde_json::json!({"petType": expected, "meow": true})
            );
        }
    }

    // a required property whose one value is null is sent, null
    #[test]
    fn a_required_property_that_can_only_be_null_is_sent_null() {
        let schema = "type: object\nrequired: [name, parent_id, other]\nproperties:\n  name: {type: string}\n  parent_id: {const: null}\n  other: {enum: [null]}\n  left: {const: null}\n";
        assert_eq!(
            body_31(&post_schema(schema), Default::default()),
            serde_json::json!({"name": "string", "parent_id": null, "other": null})
        );
    }

    // Cohere's `/v2/embed`: each branch's tag is an `enum` they all share, which allows the
    // value naming the branch; a mapping may name schemas (`sq: Square`), not only refer
    #[test]
    fn a_discriminator_names_the_branch_sent_through_a_shared_enum() {
        let components = "components:\n  schemas:\n    Kind: {type: string, enum: [text, image_url]}\n    Image: {type: object, required: [type, image_url], properties: {type: {$ref: '#/components/schemas/Kind'}, image_url: {type: string}}}\n    Text: {type: object, required: [type, text], properties: {type: {$ref: '#/components/schemas/Kind'}, text: {type: string}}}\n    Fixed: {type: object, required: [type, text], properties: {type: {const: plain}, text: {type: string}}}\n";
        for (branches, mapping, expected) in [
            (
                "[Image, Text]",
                "{image_url: '#/components/schemas/Image', text: '#/components/schemas/Text'}",
                serde_json::json!({"type": "image_url", "image_url": "string"}),
            ),
            (
                "[Image, Text]",
                "{image_url: Image, text: Text}",
                serde_json::json!({"type": "image_url", "image_url": "string"}),
            ),
            // a `const` of the branch's own stands
            (
                "[Fixed, Text]",
                "{fixed: Fixed}",
                serde_json::json!({"type": "plain", "text": "string"}),
            ),
        ] {
            let refs: Vec<String> = branches
                .trim_matches(['[', ']'])
                .split(", ")
                .map(|name| format!("\n  - $ref: '#/components/schemas/{name}'"))
                .collect();
            let schema = format!(
                "oneOf:{}\ndiscriminator:\n  propertyName: type\n  mapping: {mapping}",
                refs.concat()
            );
            let paths = format!("{}{components}", post_schema(&schema));
            assert_eq!(body_31(&paths, Default::default()), expected, "{mapping}");
        }
    }

    // pydantic's tagged unions: the tag has a default, so no branch requires it
    #[test]
    fn a_discriminator_is_sent_when_the_branch_does_not_require_it() {
        let components = "components:\n  schemas:\n    Lookup: {type: object, required: [url], properties: {url: {type: string}, kind: {const: lookup}}}\n    Static: {type: object, properties: {value: {type: string}, kind: {type: string}}}\n";
        for (first, expected) in [
            ("Lookup", json!({"url": "string", "kind": "lookup"})),
            ("Static", json!({"kind": "Static"})),
        ] {
            let schema = format!(
                "oneOf:\n  - $ref: '#/components/schemas/{first}'\n  - $ref: '#/components/schemas/Lookup'\ndiscriminator: {{propertyName: kind}}"
            );
            let paths = format!("{}{components}", post_schema(&schema));
            assert_eq!(body_31(&paths, Default::default()), expected);
        }
    }

    // springdoc, NSwag, Swashbuckle and TypeSpec: subtypes extend a base whose discriminator
    // names them
    #[test]
    fn a_subtype_of_a_discriminated_base_is_named_by_it() {
        let components = "components:\n  schemas:\n    Widget: {type: object, required: [kind], properties: {kind: {type: string}}, discriminator: {propertyName: kind, mapping: {heavy: '#/components/schemas/Heavy'}}}\n    Heavy: {allOf: [{$ref: '#/components/schemas/Widget'}, {type: object, required: [weight], properties: {weight: {type: integer}}}]}\n    Light: {allOf: [{$ref: '#/components/schemas/Widget'}]}\n    Plain: {type: object, required: [kind], properties: {kind: {type: string}}}\n";
        for (named, expected) in [
            ("Heavy", json!({"kind": "heavy", "weight": 0})),
            // the implicit mapping: the schema's name
            ("Light", json!({"kind": "Light"})),
            // the base as itself: the subtype its mapping names first
            ("Widget", json!({"kind": "heavy", "weight": 0})),
            // no discriminator: any string
            ("Plain", json!({"kind": "string"})),
        ] {
            let paths = format!(
                "{}{components}",
                post_schema(&format!("$ref: '#/components/schemas/{named}'"))
            );
            assert_eq!(body_31(&paths, Default::default()), expected, "{named}");
        }
    }

    #[test]
    fn a_one_of_branch_keeps_what_it_builds() {
        let components = "components:\n  schemas:\n    Track: {type: object, properties: {type: {type: string, enum: [track]}, id: {type: string}, number: {type: integer}}}\n    Episode: {type: object, required: [type, id, show], properties: {type: {type: string, enum: [episode]}, id: {type: string}, show: {type: string}}}\n    Page:\n      type: object\n      required: [type, pages]\n      properties:\n        type: {type: string, enum: [document]}\n        pages: {type: array, items: {oneOf: [{$ref: '#/components/schemas/Page'}, {$ref: '#/components/schemas/Link'}]}}\n    Link: {type: object, required: [type, href], properties: {type: {type: string, enum: [link]}, href: {type: string}}}\n";
        // another branch requiring more than is there is no reason to leave out the branch's own
        let schema = "oneOf:\n  - $ref: '#/components/schemas/Track'\n  - $ref: '#/components/schemas/Episode'\ndiscriminator: {propertyName: type}";
        assert_eq!(
            body_31(
                &format!("{}{components}", post_schema(schema)),
                all_params()
            ),
            serde_json::json!({"type": "track", "id": "string", "number": 0})
        );
        // a branch that refers back to the schema being built gives way to the next
        let body = body_31(
            &format!(
                "{}{components}",
                post_schema("$ref: '#/components/schemas/Page'")
            ),
            Default::default(),
        );
        assert_eq!(
            body,
            serde_json::json!({"type": "document", "pages": [{"type": "link", "href": "string"}]})
        );
    }

    #[test]
    fn values_keep_to_the_schemas_bounds() {
        let schema = "type: object\nrequired: [page, ratio, tags, named]\nproperties:\n  page: {type: integer, exclusiveMinimum: 0}\n  ratio: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}\n  tags: {type: array, minItems: 2, items: {type: string}}\n  named: {type: object, minProperties: 1, properties: {a: {type: string, readOnly: true}, b: {type: boolean}}}";
        assert_eq!(
            body_31(&post_schema(schema), Default::default()),
            serde_json::json!({"page": 1, "ratio": 0.5, "tags": ["string", "string"], "named": {"b": true}})
        );
        // OpenAPI 3.0's boolean form
        let import = run(&post_schema(
            "type: object\nrequired: [page, below]\nproperties:\n  page: {type: integer, minimum: 0, exclusiveMinimum: true}\n  below: {type: number, maximum: 0, exclusiveMaximum: true}",
        ));
        let raw = only(&import).request.body.as_ref().unwrap().raw().unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(raw).unwrap(),
            serde_json::json!({"page": 1, "below": -1})
        );
        // `multipleOf`: the nearest multiple the bounds allow
        let schema = "type: object\nrequired: [size, step, week, cents, none]\nproperties:\n  size: {type: integer, minimum: 1, maximum: 100, multipleOf: 10}\n  step: {type: integer, exclusiveMinimum: 0, multipleOf: 5}\n  week: {type: integer, minimum: 10, multipleOf: 7}\n  cents: {type: number, minimum: 0.001, multipleOf: 0.01}\n  none: {type: integer, minimum: 3, maximum: 4, multipleOf: 5}";
        assert_eq!(
            body_31(&post_schema(schema), Default::default()),
            serde_json::json!({"size": 10, "step": 5, "week": 14, "cents": 0.01, "none": 3})
        );
    }

    #[test]
    fn strings_keep_to_their_pattern_and_lengths() {
        let schema = "type: object\nrequired: [color, code, slug, pin, never]\nproperties:\n  color: {type: string, pattern: '^#(?:[0-9a-fA-F]{3}){1,2}$'}\n  code: {type: string, minLength: 2, maxLength: 3}\n  slug: {type: string, pattern: '^[a-z-]+$', minLength: 8}\n  pin: {type: string, pattern: '^(?=.*1)[0-9]{4}$'}\n  never: {type: string, pattern: '^(?=x)y'}";
        let text = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\nservers: [{{url: https://e.com}}]\n{}",
            post_schema(schema)
        );
        let import = read_with(&text, Default::default());
        let raw = only(&import).request.body.as_ref().unwrap().raw().unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(raw).unwrap(),
            serde_json::json!({"color": "#aaa", "code": "str", "slug": "stringst", "pin": "1000", "never": "string"})
        );
        // a look-ahead no string meets: the note says what is sent
        let unmet = note(
            &import,
            "/paths/~1a/post/requestBody/content/application~1json/schema/properties/never",
            "`pattern` `^(?=x)y`",
        );
        assert!(unmet.message.contains("sends \"string\""), "{unmet:?}");
        // with `--all-params`, an optional property no value meets is left out
        let schema = "type: object\nrequired: [name]\nproperties:\n  name: {type: string}\n  scope: {type: string, minLength: 2, maxLength: 1}\n  tags: {type: array, items: {type: string, pattern: '^(?=x)y'}}\n  size: {type: integer}";
        assert_eq!(
            body_31(&post_schema(schema), all_params()),
            serde_json::json!({"name": "string", "size": 0})
        );
    }

    #[test]
    fn maps_and_dependent_properties_keep_to_their_schema() {
        let schema = "type: object\nrequired: [labels, card, names, codes]\nproperties:\n  labels: {type: object, propertyNames: {enum: [en, fr]}, additionalProperties: {type: string}}\n  names: {type: object, propertyNames: {pattern: '^x-'}, additionalProperties: {type: integer}}\n  codes: {type: object, propertyNames: {maxLength: 2}, additionalProperties: {type: boolean}}\n  card: {type: string}\n  cvc: {type: string}\n  zip: {type: string}\n  other: {type: string}\ndependentRequired:\n  card: [cvc]\n  cvc: [zip]\n  other: [card]";
        assert_eq!(
            body_31(&post_schema(schema), Default::default()),
            serde_json::json!({"labels": {"en": "string"}, "card": "string", "names": {"x-": 0}, "codes": {"st": true}, "cvc": "string", "zip": "string"})
        );
        // in an `allOf` member, for a property another member declares
        let schema = "allOf:\n  - {type: object, required: [card], properties: {card: {type: string}}}\n  - {type: object, properties: {cvc: {type: integer}}, dependentRequired: {card: [cvc]}}";
        assert_eq!(
            body_31(&post_schema(schema), Default::default()),
            serde_json::json!({"card": "string", "cvc": 0})
        );
    }

    #[test]
    fn deep_schemas_stop() {
        let mut schema = String::from("{type: string}");
        for _ in 0..20 {
            schema = format!("{{type: object, properties: {{inner: {schema}}}}}");
        }
        let import = run(&format!(
            "paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {schema}\n"
        ));
        let raw = only(&import).request.body.as_ref().unwrap().raw().unwrap();
        assert!(raw.matches("inner").count() <= MAX_DEPTH + 1, "{raw}");
    }

    #[test]
    fn wide_schemas_stop() {
        let properties = |next: &str| {
            (0..30)
                .map(|i| format!("p{i}: {next}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let import = run(&format!(
            "paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/A'}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{{}}}}}\n    B: {{type: object, properties: {{{}}}}}\n    C: {{type: object, properties: {{{}}}}}\n",
            properties("{$ref: '#/components/schemas/B'}"),
            properties("{$ref: '#/components/schemas/C'}"),
            properties("{type: string}"),
        ));
        let raw = only(&import).request.body.as_ref().unwrap().raw().unwrap();
        assert!(
            raw.matches("\"string\"").count() < MAX_BUILT_VALUES,
            "{raw}"
        );
        note(
            &import,
            "/paths/~1a/post/requestBody/content/application~1json/schema",
            "stops at",
        );
    }
}
