// Region picker that loads one level at a time from /api/v1/regions.
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { api, type Region } from '../api.ts';

type Option = { value: string; label: string; isLeaf: boolean; children?: Option[]; loading?: boolean };
const toOption = (r: Region): Option => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren });

export function RegionCascader(props: {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  id?: string;
  changeOnSelect?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  /** On public pages: no cookie goes with the look-ups. */
  anonymous?: boolean;
}) {
  const get = <T,>(url: string) => api<T>(url, props.anonymous ? { credentials: 'omit' } : {});
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    get<{ items: Region[] }>('/api/v1/regions').then((r) => setOptions(r.items.map(toOption)));
  }, []);

  // Show an existing value as its path (province / city / county / township).
  useEffect(() => {
    if (!props.value) {
      setPath([]);
      return;
    }
    if (path[path.length - 1] === props.value) return;
    get<{ path: { code: string; name: string }[] }>(`/api/v1/regions/${props.value}`)
      .then(async (r) => {
        const codes = r.path.map((p) => p.code);
        // Load each level so the cascader can display the labels.
        let level = options.length ? options : (await get<{ items: Region[] }>('/api/v1/regions')).items.map(toOption);
        const root = level;
        for (const code of codes.slice(0, -1)) {
          const node = level.find((o) => o.value === code);
          if (!node) break;
          node.children ??= (await get<{ items: Region[] }>(`/api/v1/regions?parent=${code}`)).items.map(toOption);
          level = node.children;
        }
        setOptions([...root]);
        setPath(codes);
      })
      .catch(() => setPath([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    target.loading = true;
    const r = await get<{ items: Region[] }>(`/api/v1/regions?parent=${target.value}`);
    target.loading = false;
    target.children = r.items.map(toOption);
    setOptions((o) => [...o]);
  };

  return (
    <Cascader
      id={props.id}
      style={props.style ?? { width: '100%' }}
      options={options}
      loadData={(s) => loadData(s as Option[])}
      value={path}
      changeOnSelect={props.changeOnSelect ?? true}
      placeholder={props.placeholder}
      disabled={props.disabled}
      allowClear
      onChange={(v) => {
        const codes = (v ?? []) as string[];
        setPath(codes);
        props.onChange?.(codes[codes.length - 1]);
      }}
    />
  );
}
